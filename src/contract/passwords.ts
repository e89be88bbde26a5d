import type { Profile } from './structures.ts'

/**
 * Password rules by profile, shared by the server (which enforces them) and the web forms (which
 * explain them as the user types). Length matters more than symbols: adults need a long password,
 * young pupils one they can type. Common and guessable passwords are refused for everyone.
 */
export type PasswordRules = { minLength: number; label: string }

export function passwordRulesFor(profiles: readonly Profile[], isAdministrator: boolean): PasswordRules {
  if (
    isAdministrator ||
    profiles.some((p) => p === 'teacher' || p === 'staff' || p === 'collectivity_agent' || p === 'academic')
  ) {
    return { minLength: 12, label: 'au moins 12 caractères' }
  }
  if (profiles.length > 0 && profiles.every((p) => p === 'pupil')) {
    return { minLength: 6, label: 'au moins 6 caractères' }
  }
  return { minLength: 10, label: 'au moins 10 caractères' }
}

const COMMON = new Set([
  'azerty',
  'azertyuiop',
  'qwerty',
  'password',
  'motdepasse',
  'soleil',
  'bonjour',
  'doudou',
  'loulou',
  'chouchou',
  'marseille',
  'nicolas',
  'camille',
  'preau',
  'ecole',
  'enfant',
  'maitresse',
  'maitre',
  'iloveyou',
  'jetaime',
  'princesse',
  'football',
  'abcdef',
  'abcdefgh',
  'azerty123',
  'password1',
])

/** Why `password` is refused for this user, in French, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  rules: PasswordRules,
  personal: { login: string; firstName: string; lastName: string },
): string | null {
  if (password.length < rules.minLength) return `Le mot de passe doit contenir ${rules.label}.`
  if (password.length > 200) return 'Le mot de passe est trop long (200 caractères au plus).'
  const folded = fold(password)
  if (/^(.)\1*$/.test(folded) || /^(0123456789|123456789|987654321)/.test(folded)) {
    return 'Ce mot de passe est trop facile à deviner.'
  }
  const core = folded.replace(/[0-9!?.*_-]+$/, '')
  if (COMMON.has(core) || COMMON.has(folded))
    return 'Ce mot de passe est trop courant : choisissez-en un autre.'
  for (const part of [personal.login.split('.')[0], personal.firstName, personal.lastName]) {
    const word = fold(part ?? '')
    if (word.length >= 3 && folded.includes(word)) {
      return 'Le mot de passe ne doit pas contenir votre nom ou votre identifiant.'
    }
  }
  return null
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}
