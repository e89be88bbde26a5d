import type { TFunction } from 'i18next'

/** Anomaly codes the interface has words for; another code is shown as the server names it. */
const KNOWN_CODES = new Set([
  'missing-column',
  'child-not-found',
  'guardian-without-child',
  'level-not-in-school',
  'possible-duplicate',
  'same-person',
  'possible-duplicate-account',
  'invalid-date',
  'unknown-level',
  'duplicate-row',
  'missing-value',
  'ignored-footer',
  'malformed-line',
  'invalid-email',
  'invalid-phone',
  'invalid-value',
  'mixed-encoding',
  'no-rows',
  'missing-fields',
  'no-child',
  'invalid-uai',
  'invalid-insee-code',
])

/** The French (or English) name of an anomaly code: « Doublon possible ». */
export function anomalyLabel(t: TFunction, code: string): string {
  if (!KNOWN_CODES.has(code)) return code
  return t(`imports.codes.${code}` as 'imports.codes.possible-duplicate')
}
