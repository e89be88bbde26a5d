/**
 * Logins are `prenom.nom`: accents removed, anything but letters stripped, lower case, each part cut to
 * 30 characters; homonyms get 2, 3… Display names are "Prénom NOM".
 */
const MAX_PART = 30

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' }

/** One name reduced to the letters a-z. */
export function loginPart(name: string): string {
  const letters = name
    .replace(/[œŒæÆß]/g, (ligature) => LIGATURES[ligature] ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .slice(0, MAX_PART)
  return letters || 'x'
}

/** The login before any homonym suffix: `prenom.nom`. */
export function loginBase(firstName: string, lastName: string): string {
  return `${loginPart(firstName)}.${loginPart(lastName)}`
}

/** The first free login for `base`: `base`, then `base2`, `base3`… */
export function firstFreeLogin(base: string, isTaken: (login: string) => boolean): string {
  if (!isTaken(base)) return base
  for (let n = 2; ; n++) if (!isTaken(`${base}${n}`)) return `${base}${n}`
}

/** "Prénom NOM", with spaces tidied. */
export function displayName(firstName: string, lastName: string): string {
  return `${firstName.trim().replace(/\s+/g, ' ')} ${lastName.trim().replace(/\s+/g, ' ').toLocaleUpperCase('fr')}`
}
