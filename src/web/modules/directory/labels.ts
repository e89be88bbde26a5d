import type { TFunction } from 'i18next'

/** "06 12 34 56 78", "+33 6 12 34 56 78": a French number as people write it. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '')
  if (/^0[1-9][0-9]{8}$/.test(digits)) return digits.replace(/(\d{2})(?=\d)/g, '$1 ')
  if (/^\+33[1-9][0-9]{8}$/.test(digits)) {
    return `+33 ${digits[3]} ${digits.slice(4).replace(/(\d{2})(?=\d)/g, '$1 ')}`
  }
  return phone
}

/** The `tel:` address of a number (digits and a leading +). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`
}

/** "Groupe de classe", "Groupe d'école", "Groupe": what kind of group it is, for the list. */
export function groupKindLabel(t: TFunction, kind: 'class' | 'school' | 'manual'): string {
  return t(`directory.groupKinds.${kind}`)
}
