/** "59991, 59992 59993" → ["59991", "59992", "59993"]: codes typed with any separator, upper-cased. */
export function parseCommuneCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean)
}

/**
 * A population typed with or without spaces ("12 480"): the number, `undefined` when left empty, `null`
 * when it is not a whole number.
 */
export function parsePopulation(text: string): number | null | undefined {
  const digits = text.replace(/[\s\u00a0\u202f.]/g, '')
  if (!digits) return undefined
  return /^\d{1,9}$/.test(digits) ? Number(digits) : null
}
