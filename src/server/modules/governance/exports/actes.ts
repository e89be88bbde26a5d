import { create } from 'xmlbuilder2'
import { parisDay } from '../domain/body-rules.ts'

/** The namespace of the national exchange format of acts sent to the prefecture (@CTES). */
export const ACTES_NS = 'http://www.interieur.gouv.fr/ACTES#v1.1-20040216'
export const INSEE_NS = 'http://xml.insee.fr/schema'
/** The version of the subject classification (« nomenclature des actes ») the codes refer to. */
export const CLASSIFICATION_VERSION = '2004-05-12'

export interface ActesInput {
  department: string
  siren: string
  /** The deliberation's number, e.g. 2019-12. */
  number: string
  /** The day the act was decided (the meeting). */
  decidedAt: Date
  object: string
  natureCode: number
  /** e.g. 8.1 → CodeMatiere1 8, CodeMatiere2 1. */
  classification: string
  annexes: string[]
  referent: { name: string; email: string | null }
}

/**
 * The base of every file name of a transmission: `DEP-SIREN-YYYYMMDD-NUM-DE`, the internal number's
 * characters outside [A-Za-z0-9] turned to `_` (the format allows no hyphen inside a part).
 */
export function actesBaseName(
  input: Pick<ActesInput, 'department' | 'siren' | 'number' | 'decidedAt'>,
): string {
  const day = parisDay(input.decidedAt).replaceAll('-', '')
  return `${input.department}-${input.siren}-${day}-${input.number.replace(/[^A-Za-z0-9]/g, '_')}-DE`
}

/** The files of one transmission: the act's description (…-1-1_0.xml), the act (…_1.pdf), its annexes (…_2.pdf…). */
export function actesFileNames(input: ActesInput) {
  const base = actesBaseName(input)
  return {
    act: `${base}-1-1_0.xml`,
    document: `${base}-1-1_1.pdf`,
    annexes: input.annexes.map((_, index) => `${base}-1-1_${index + 2}.pdf`),
    envelope: `EACT--${input.siren}--${parisDay(input.decidedAt).replaceAll('-', '')}-1.xml`,
  }
}

/** The act's description: nature, subject classification, object, and the files it comes with. */
export function actesActXml(input: ActesInput): string {
  const names = actesFileNames(input)
  const [matiere1, matiere2, ...rest] = input.classification.split('.')
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(ACTES_NS, 'actes:Acte', {
    'xmlns:insee': INSEE_NS,
  })
  doc.att(ACTES_NS, 'actes:Date', parisDay(input.decidedAt))
  doc.att(ACTES_NS, 'actes:NumeroInterne', input.number)
  doc.att(ACTES_NS, 'actes:CodeNatureActe', String(input.natureCode))
  const levels = [matiere1, matiere2, ...rest]
  levels.forEach((code, index) => {
    if (code) doc.ele(ACTES_NS, `actes:CodeMatiere${index + 1}`).att(ACTES_NS, 'actes:CodeMatiere', code)
  })
  doc.ele(ACTES_NS, 'actes:Objet').txt(input.object)
  doc.ele(ACTES_NS, 'actes:ClassificationDateVersion').txt(CLASSIFICATION_VERSION)
  doc.ele(ACTES_NS, 'actes:Document').ele(ACTES_NS, 'actes:NomFichier').txt(names.document)
  const annexes = doc
    .ele(ACTES_NS, 'actes:Annexes')
    .att(ACTES_NS, 'actes:Nombre', String(names.annexes.length))
  for (const name of names.annexes)
    annexes.ele(ACTES_NS, 'actes:Annexe').ele(ACTES_NS, 'actes:NomFichier').txt(name)
  return doc.end({ prettyPrint: true })
}

/** The envelope: who sends (the syndicate by SIREN and department), a referent, and the act's file. */
export function actesEnvelopeXml(input: ActesInput): string {
  const names = actesFileNames(input)
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(ACTES_NS, 'actes:EnveloppeCLMISILL', {
    'xmlns:insee': INSEE_NS,
  })
  const emitter = doc.ele(ACTES_NS, 'actes:Emetteur')
  emitter
    .ele(ACTES_NS, 'actes:IDCL')
    .att(INSEE_NS, 'insee:SIREN', input.siren)
    .att(ACTES_NS, 'actes:Departement', input.department)
    .att(ACTES_NS, 'actes:Arrondissement', '1')
    // Nature of the emitter: 5 = établissement public de coopération (syndicat mixte).
    .att(ACTES_NS, 'actes:Nature', '5')
  const referent = emitter.ele(ACTES_NS, 'actes:Referent')
  referent.ele(ACTES_NS, 'actes:Nom').txt(input.referent.name)
  if (input.referent.email) referent.ele(ACTES_NS, 'actes:Email').txt(input.referent.email)
  if (input.referent.email)
    doc.ele(ACTES_NS, 'actes:AdressesRetour').ele(ACTES_NS, 'actes:Email').txt(input.referent.email)
  doc
    .ele(ACTES_NS, 'actes:FormulairesEnvoyes')
    .ele(ACTES_NS, 'actes:Formulaire')
    .ele(ACTES_NS, 'actes:NomFichier')
    .txt(names.act)
  return doc.end({ prettyPrint: true })
}
