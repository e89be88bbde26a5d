/** Amounts as the finance officer reads and types them: euros with a French decimal comma. */

const FORMAT = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })

export function formatCents(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '—' : FORMAT.format(cents / 100)
}

/**
 * Cents from what was typed (`1 650,50`, `0,05`, `12.5`, `1650 €`); `''` is 0; null when it is not an
 * amount with at most two decimals. Negative amounts pass through, for the server to refuse in French.
 */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.')
  if (cleaned === '') return 0
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null
  const [units = '0', decimals = ''] = cleaned.replace('-', '').split('.')
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'))
  return cleaned.startsWith('-') ? -cents : cents
}

/** The euros of an amount in cents, as a form shows it back (`1650,5` → `1650,50`). */
export function centsToField(cents: number | null): string {
  return cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',')
}
