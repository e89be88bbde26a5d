import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The directory sample (header and 10 schools of the Nord, see `../parsing/fixtures/README.md`) and
 * variants of it built cell by cell, for the tests of the import.
 */
export const DIRECTORY_SAMPLE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'parsing',
  'fixtures',
  'annuaire_education_ecoles_npdc_sample.csv',
)
export const DIRECTORY_SAMPLE_NAME = path.basename(DIRECTORY_SAMPLE)

/** The communes of the sample's schools by line: 2 Denain, 3 Douchy-les-Mines, 5 Cuincy, 6 Auby… */
export const SAMPLE_COMMUNES = {
  denain: '59172',
  douchy: '59179',
  cuincy: '59165',
  auby: '59028',
} as const

/** The columns a test may change, by their header in the national file. */
const COLUMNS = {
  uai: 'identifiant_de_l_etablissement',
  name: 'nom_etablissement',
  type: 'type_etablissement',
  sector: 'statut_public_prive',
  inseeCode: 'code_commune',
  maternelle: 'ecole_maternelle',
  elementaire: 'ecole_elementaire',
  circonscription: 'nom_circonscription',
  state: 'etat',
} as const
export type SampleColumn = keyof typeof COLUMNS

/** The sample's text. */
export function sampleText(): string {
  return readFileSync(DIRECTORY_SAMPLE, 'utf8')
}

/**
 * The sample with some cells changed, by physical line (header = 1): `{ 6: { uai: '0590405W' } }`;
 * `append` adds copies of existing lines (with their own changes) at the end.
 */
export function sampleWith(
  changes: Record<number, Partial<Record<SampleColumn, string>>>,
  append: { from: number; cells?: Partial<Record<SampleColumn, string>> }[] = [],
): string {
  const lines = sampleText().replace(/\n$/, '').split('\n')
  const headers = lines[0]!.split(';')
  const edit = (line: string, cells: Partial<Record<SampleColumn, string>> = {}) => {
    const values = line.split(';')
    for (const [column, value] of Object.entries(cells)) {
      values[headers.indexOf(COLUMNS[column as SampleColumn])] = value
    }
    return values.join(';')
  }
  const edited = lines.map((line, index) => edit(line, changes[index + 1]))
  for (const extra of append) edited.push(edit(lines[extra.from - 1]!, extra.cells))
  return `${edited.join('\n')}\n`
}
