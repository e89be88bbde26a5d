/**
 * How the directory compares names: accents, case and the apostrophes people type aside, so that
 * « elo » finds « Élodie », « oeuvray » finds « Œuvray » and « n'diaye » finds « N’Diaye ». The school's
 * names and the query are folded by the same function, in the server: the result does not depend on the
 * database's locale.
 */

/** Letters that carry no combining mark to strip, spelt as French keyboards type them. */
const SPELLED: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
}
const SPELLED_LETTERS = new RegExp(`[${Object.keys(SPELLED).join('')}]`, 'g')
const APOSTROPHES = /[’‘ʼ`´]/g
const MARKS = /\p{M}+/gu
const SPACES = /\s+/g

export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(SPELLED_LETTERS, (letter) => SPELLED[letter] ?? letter)
    .replace(APOSTROPHES, "'")
    .replace(SPACES, ' ')
    .trim()
}

/**
 * Whether a word of `key` (a folded « nom prénom ») starts with `query` (folded): the start of the
 * last name, of the first name, or of any part of a compound one (« pierre » finds Jean-Pierre).
 */
export function startsAWord(key: string, query: string): boolean {
  if (key.startsWith(query)) return true
  for (let at = key.indexOf(query, 1); at > 0; at = key.indexOf(query, at + 1)) {
    const before = key[at - 1]
    if (before === ' ' || before === '-' || before === "'") return true
  }
  return false
}
