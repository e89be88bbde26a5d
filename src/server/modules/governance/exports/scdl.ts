/**
 * The register as open data in the SCDL « Délibérations » format (schema.data.gouv.fr, scdl/deliberations
 * 2.1.x): one line per published deliberation, its columns in the schema's order, dates as YYYY-MM-DD,
 * comma-separated UTF-8. VOTE_EFFECTIF is the members in office, VOTE_REEL those present or represented.
 */
export const SCDL_COLUMNS = [
  'COLL_NOM',
  'COLL_SIRET',
  'DELIB_ID',
  'DELIB_DATE',
  'DELIB_MATIERE_CODE',
  'DELIB_MATIERE_NOM',
  'DELIB_OBJET',
  'BUDGET_ANNEE',
  'BUDGET_NOM',
  'PREF_ID',
  'PREF_DATE',
  'VOTE_EFFECTIF',
  'VOTE_REEL',
  'VOTE_POUR',
  'VOTE_CONTRE',
  'VOTE_ABSTENTION',
  'DELIB_URL',
] as const

export type ScdlRow = Record<(typeof SCDL_COLUMNS)[number], string | number | null>

/** The first level of the classification of acts, by its code. */
export const MATIERES: Record<string, string> = {
  '1': 'Commande publique',
  '2': 'Urbanisme',
  '3': 'Domaine et patrimoine',
  '4': 'Fonction publique',
  '5': 'Institutions et vie politique',
  '6': 'Libertés publiques et pouvoirs de police',
  '7': 'Finances locales',
  '8': 'Domaines de compétences par thèmes',
  '9': 'Autres domaines de compétences',
}
export const SUB_MATIERES: Record<string, string> = {
  '7.6': 'Contributions budgétaires',
  '8.1': 'Enseignement',
  '5.2': 'Fonctionnement des assemblées',
}

export function matiereName(code: string): string {
  return SUB_MATIERES[code] ?? MATIERES[code.split('.')[0] ?? ''] ?? ''
}

function cell(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function scdlCsv(rows: readonly ScdlRow[]): string {
  const lines = [
    SCDL_COLUMNS.join(','),
    ...rows.map((row) => SCDL_COLUMNS.map((c) => cell(row[c])).join(',')),
  ]
  return `${lines.join('\r\n')}\r\n`
}
