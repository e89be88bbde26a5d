/**
 * Text clean-up shared by headers and values: what a spreadsheet or a hand-made file adds around the
 * meaningful characters (spaces of every kind, line breaks inside quoted cells, control characters).
 */

// Control characters and every Unicode space (no-break space, thin space…) count as one plain space.
const SPACES = /[\s\p{Cc}\p{Zs}]+/gu

/** Trims and collapses every run of spaces, tabs, line breaks and control characters to one space. */
export function cleanText(value: string): string {
  return value.replace(SPACES, ' ').trim()
}

/** The cleaned value, or null when nothing is left. */
export function cleanOrNull(value: string | undefined): string | null {
  if (value === undefined) return null
  const cleaned = cleanText(value)
  return cleaned === '' ? null : cleaned
}

/** Lower-case letters without accents (« Élève » → « eleve »; œ → oe, æ → ae); other characters kept. */
export function stripAccents(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').toLowerCase()
}

/**
 * The key a column header is matched by: only letters and digits, lower case, no accents — so case,
 * accents, spaces, apostrophes of any shape, parentheses and the `*` of mandatory columns never matter
 * (« Nom Elève », « nom élève », «  NOM  ELEVE* » → `nomeleve`; « Né(e) le » → `neele`).
 */
export function headerKey(header: string): string {
  return stripAccents(header).replace(/[^a-z0-9]/g, '')
}

/** Upper-case words without accents, split on anything that is not a letter or a digit. */
export function upperWords(value: string): string[] {
  return stripAccents(value)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '')
}
