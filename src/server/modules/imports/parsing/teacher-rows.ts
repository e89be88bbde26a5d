import { readCivility } from './guardian-rows.ts'
import type { TeacherRecord } from './records.ts'
import {
  distinctUsageName,
  quote,
  type RowReader,
  readDate,
  readEmail,
  readNames,
  readPhones,
} from './rows.ts'
import { stripAccents } from './text.ts'
import { parseYesNo } from './values.ts'

/** A cell may list several classes (« CM1, CM2 »); a class name itself never holds a comma or a `|`. */
const CLASS_SEPARATOR = /\s*[,|]\s*/

/** One line of a teachers (or staff) file → a teacher, or null when it has no name. */
export function extractTeacher(row: RowReader): TeacherRecord | null {
  const names = readNames(row, 'de l’enseignant')
  if (!names) return null
  const func = row.text('function')
  const classNames: string[] = []
  for (const cell of row.texts('classNames')) {
    for (const name of cell.split(CLASS_SEPARATOR)) {
      if (name !== '' && !classNames.includes(name)) classNames.push(name)
    }
  }
  return {
    type: 'teacher',
    file: row.file,
    line: row.line,
    civility: readCivility(row),
    lastName: names.lastName,
    usageName: distinctUsageName(row.text('usageName'), names.lastName),
    firstName: names.firstName,
    birthDate: readDate(row, 'birthDate', 'l’enseignant'),
    email: readEmail(row),
    phones: readPhones(row),
    isDirector: readIsDirector(row) || (func !== null && stripAccents(func).includes('direct')),
    function: func,
    classNames,
  }
}

function readIsDirector(row: RowReader): boolean {
  const raw = row.text('isDirector')
  if (raw === null) return false
  const answer = parseYesNo(raw)
  if (answer === null) {
    row.flag(
      'invalid-value',
      `valeur ${quote(raw)} inattendue dans la colonne ${quote(row.header('isDirector'))} (oui ou non attendu) : lue comme « non ».`,
      'row-kept',
      'isDirector',
    )
  }
  return answer === true
}
