/**
 * The columns of each kind of file, as one declarative table per kind: the field each column feeds, the
 * header spellings seen in the field (ONDE versions, hand-made templates of other ENTs, the national
 * directory), which columns are mandatory. Spellings are compared by `headerKey` (case, accents, spaces,
 * apostrophes and `*` ignored), so « Nom élève » also covers « NOM ELEVE* » and « Nom Elève ».
 */

export const FILE_KINDS = ['pupils', 'guardians', 'teachers', 'schools'] as const
export type FileKind = (typeof FILE_KINDS)[number]

/** One column a file may have. */
export interface ColumnSpec {
  field: string
  /** How the column is called in messages when it is missing. */
  label: string
  aliases: readonly string[]
  required?: boolean
  /** The column may appear several times, each one adding values (phones, a teacher's classes). */
  repeatable?: boolean
}

export interface FileKindSpec {
  kind: FileKind
  /** The kind in French, after « un fichier des ». */
  label: string
  columns: readonly ColumnSpec[]
  /** A block of columns repeated once per child (guardians), any number of times. */
  childColumns?: readonly ColumnSpec[]
  /** Headers recognised as belonging to this kind but not read (they help recognise the kind). */
  knownColumns?: readonly string[]
}

const EMAIL = [
  'Courriel',
  'Email',
  'E-mail',
  'Mail',
  'Adresse électronique',
  'Adresse mail',
  'Adresse e-mail',
]
const PHONES = [
  'Téléphone',
  'Téléphone domicile',
  'Téléphone travail',
  'Téléphone portable',
  'Téléphone mobile',
  'Téléphone professionnel',
  'Tél',
  'Tél domicile',
  'Tél travail',
  'Tél portable',
  'Portable',
  'Mobile',
]

const PUPILS: FileKindSpec = {
  kind: 'pupils',
  label: 'élèves',
  columns: [
    {
      field: 'lastName',
      label: 'Nom élève',
      aliases: ['Nom élève', 'Nom de famille élève', 'Nom de famille', 'Nom'],
      required: true,
    },
    {
      field: 'usageName',
      label: 'Nom d’usage élève',
      aliases: ['Nom d’usage élève', 'Nom usage élève', 'Nom d’usage', 'Nom usage'],
    },
    { field: 'firstName', label: 'Prénom élève', aliases: ['Prénom élève', 'Prénom'], required: true },
    {
      field: 'birthDate',
      label: 'Date de naissance',
      aliases: ['Date naissance', 'Date de naissance', 'Né(e) le', 'Né le', 'Née le', 'Date naissance élève'],
      required: true,
    },
    {
      field: 'className',
      label: 'Classe',
      aliases: ['Classe', 'Classes', 'Libellé classe', 'Libellé de la classe', 'Classe élève'],
      required: true,
    },
    { field: 'level', label: 'Niveau', aliases: ['Niveau', 'Niveaux', 'Niveau élève', 'Libellé niveau'] },
    { field: 'cycle', label: 'Cycle', aliases: ['Cycle'] },
    { field: 'address1', label: 'Adresse1', aliases: ['Adresse1', 'Adresse'] },
    { field: 'postcode1', label: 'Cp1', aliases: ['Cp1', 'Code postal 1', 'CP', 'Code postal'] },
    { field: 'city1', label: 'Commune1', aliases: ['Commune1', 'Ville 1', 'Commune', 'Ville'] },
    { field: 'country1', label: 'Pays1', aliases: ['Pays1', 'Pays'] },
    { field: 'address2', label: 'Adresse2', aliases: ['Adresse2'] },
    { field: 'postcode2', label: 'Cp2', aliases: ['Cp2', 'Code postal 2'] },
    { field: 'city2', label: 'Commune2', aliases: ['Commune2', 'Ville 2'] },
    { field: 'country2', label: 'Pays2', aliases: ['Pays2'] },
    {
      field: 'imageConsent',
      label: 'Autorisations photos',
      aliases: ['Autorisations photos', 'Autorisation photos', 'Autorisation photo', 'Droit à l’image'],
    },
  ],
  // Read by ONDE's export but not needed by the ENT (data minimisation): recognised, not imported.
  knownColumns: ['Sexe', 'Attestation fournie', 'Autorisations associations', 'Décision de passage', 'INE'],
}

const GUARDIANS: FileKindSpec = {
  kind: 'guardians',
  label: 'responsables',
  columns: [
    { field: 'civility', label: 'Civilité', aliases: ['Civilité responsable', 'Civilité'] },
    {
      field: 'usageName',
      label: 'Nom d’usage responsable',
      aliases: ['Nom usage responsable', 'Nom d’usage responsable', 'Nom d’usage', 'Nom usage'],
    },
    {
      field: 'lastName',
      label: 'Nom responsable',
      aliases: [
        'Nom responsable',
        'Nom de famille responsable',
        'Nom du responsable',
        'Nom de famille',
        'Nom',
      ],
      required: true,
    },
    {
      field: 'firstName',
      label: 'Prénom responsable',
      aliases: ['Prénom responsable', 'Prénom du responsable', 'Prénom'],
      required: true,
    },
    { field: 'address', label: 'Adresse responsable', aliases: ['Adresse responsable', 'Adresse'] },
    {
      field: 'postcode',
      label: 'CP responsable',
      aliases: ['CP responsable', 'Code postal responsable', 'Code postal', 'CP'],
    },
    { field: 'city', label: 'Commune responsable', aliases: ['Commune responsable', 'Commune', 'Ville'] },
    { field: 'country', label: 'Pays', aliases: ['Pays', 'Pays responsable'] },
    { field: 'email', label: 'Courriel', aliases: [...EMAIL, 'Courriel responsable'] },
    { field: 'phones', label: 'Téléphone', aliases: PHONES, repeatable: true },
  ],
  childColumns: [
    { field: 'usageName', label: 'Nom d’usage enfant', aliases: ['Nom d’usage enfant', 'Nom usage enfant'] },
    {
      field: 'lastName',
      label: 'Nom de famille enfant',
      aliases: ['Nom de famille enfant', 'Nom enfant', 'Nom de l’élève', 'Nom élève'],
      required: true,
    },
    {
      field: 'firstName',
      label: 'Prénom enfant',
      aliases: ['Prénom enfant', 'Prénom de l’élève', 'Prénom élève'],
      required: true,
    },
    {
      field: 'className',
      label: 'Classes enfants',
      aliases: [
        'Classes enfants',
        'Classe enfant',
        'Classes de l’élève',
        'Classe de l’élève',
        'Classe élève',
      ],
      required: true,
    },
  ],
  knownColumns: ['Lien de parenté', 'Lien avec l’élève', 'Autorité parentale'],
}

const TEACHERS: FileKindSpec = {
  kind: 'teachers',
  label: 'enseignants',
  columns: [
    { field: 'civility', label: 'Civilité', aliases: ['Civilité'] },
    { field: 'usageName', label: 'Nom d’usage', aliases: ['Nom usage', 'Nom d’usage'] },
    {
      field: 'lastName',
      label: 'Nom',
      aliases: ['Nom', 'Nom de famille', 'Nom enseignant'],
      required: true,
    },
    { field: 'firstName', label: 'Prénom', aliases: ['Prénom', 'Prénom enseignant'], required: true },
    {
      field: 'birthDate',
      label: 'Date de naissance',
      aliases: ['Date de naissance', 'Date naissance', 'Né(e) le'],
    },
    {
      field: 'email',
      label: 'Courriel',
      aliases: [...EMAIL, 'Courriel académique', 'Courriel professionnel'],
    },
    { field: 'phones', label: 'Téléphone', aliases: PHONES, repeatable: true },
    {
      field: 'isDirector',
      label: 'Directeur',
      aliases: ['Directeur', 'Directrice', 'Direction', 'Directeur d’école'],
    },
    { field: 'function', label: 'Fonction', aliases: ['Fonction', 'Fonctions'] },
    { field: 'classNames', label: 'Classe', aliases: ['Classe', 'Classes'], repeatable: true },
  ],
  // A teacher's home address is not the school's business: recognised, never imported.
  knownColumns: ['Adresse', 'CP', 'Code postal', 'Commune', 'Ville', 'Pays'],
}

const SCHOOLS: FileKindSpec = {
  kind: 'schools',
  label: 'écoles de l’annuaire de l’éducation',
  columns: [
    {
      field: 'uai',
      label: 'identifiant_de_l_etablissement',
      aliases: ['identifiant_de_l_etablissement', 'UAI', 'Code UAI', 'numero_uai'],
      required: true,
    },
    { field: 'name', label: 'nom_etablissement', aliases: ['nom_etablissement'], required: true },
    {
      field: 'inseeCode',
      label: 'code_commune',
      aliases: ['code_commune', 'code_insee_commune'],
      required: true,
    },
    { field: 'maternelle', label: 'ecole_maternelle', aliases: ['ecole_maternelle'], required: true },
    { field: 'elementaire', label: 'ecole_elementaire', aliases: ['ecole_elementaire'], required: true },
    { field: 'circonscription', label: 'nom_circonscription', aliases: ['nom_circonscription'] },
    { field: 'open', label: 'etat', aliases: ['etat', 'etat_etablissement'] },
    { field: 'communeName', label: 'nom_commune', aliases: ['nom_commune'] },
    { field: 'postcode', label: 'code_postal', aliases: ['code_postal'] },
    { field: 'establishmentType', label: 'type_etablissement', aliases: ['type_etablissement'] },
    { field: 'sector', label: 'statut_public_prive', aliases: ['statut_public_prive'] },
  ],
}

/** Every kind of file the import reads, in the order their detection prefers on a tie. */
export const FILE_KIND_SPECS: readonly FileKindSpec[] = [PUPILS, GUARDIANS, TEACHERS, SCHOOLS]

/** The table of one kind. */
export function fileKindSpec(kind: FileKind): FileKindSpec {
  return FILE_KIND_SPECS.find((spec) => spec.kind === kind)!
}
