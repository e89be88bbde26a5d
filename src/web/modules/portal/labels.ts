import type { TFunction } from 'i18next'
import type { Profile, SchoolFunction } from '../../../contract/structures.ts'
import fr from '../../i18n/fr.json' with { type: 'json' }

type AppId = keyof (typeof fr)['apps']['names']

// The French catalogue is the reference: every language has the same keys.
function isKnownApp(id: string): id is AppId {
  return Object.hasOwn(fr.apps.names, id)
}

/** The name of an application in the interface language; its id if the app is newer than this client. */
export function appName(t: TFunction, id: string): string {
  return isKnownApp(id) ? t(`apps.names.${id}`) : id
}

/**
 * The roles of a user in a school, in plain words: the director function comes first because it is
 * what matters to others ("Directeur·rice, Enseignant·e").
 */
export function rolesLabel(t: TFunction, profiles: Profile[], functions: SchoolFunction[]): string {
  return [...functions.map((fn) => t(`functions.${fn}`)), ...profiles.map((p) => t(`profiles.${p}`))].join(
    ', ',
  )
}

/** The first name in a display name "Prénom NOM": the words before the first one in capitals. */
export function firstNameOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/)
  const lastNameStart = words.findIndex((word, index) => index > 0 && isUpperCaseWord(word))
  return (lastNameStart === -1 ? words : words.slice(0, lastNameStart)).join(' ')
}

function isUpperCaseWord(word: string): boolean {
  return /\p{Lu}/u.test(word) && word === word.toLocaleUpperCase('fr')
}
