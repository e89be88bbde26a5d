import { passwordProblem } from '../../../contract/passwords.ts'

/** What the password must not contain: the person's names and login. */
export type PersonalWords = { login: string; firstName: string; lastName: string }

export type RuleId = 'length' | 'common' | 'personal'

/** One rule of the list shown under the field: met, not met, or not checkable here (null). */
export type RuleCheck = { id: RuleId; isMet: boolean | null }

const NOBODY: PersonalWords = { login: '', firstName: '', lastName: '' }
const ANY_LENGTH = { minLength: 0, label: '' }

/**
 * Checks a password against the rules the server applies (src/contract/passwords.ts), one rule at a
 * time so the list can show each. Without `personal`, the names are not known here: the server checks
 * them when the form is sent.
 */
export function checkPasswordRules(
  password: string,
  minLength: number,
  personal: PersonalWords | null,
): RuleCheck[] {
  const isEmpty = password.length === 0
  const generic = isEmpty ? 'empty' : passwordProblem(password, ANY_LENGTH, NOBODY)
  const withNames = personal && !isEmpty ? passwordProblem(password, ANY_LENGTH, personal) : null
  return [
    { id: 'length', isMet: password.length >= minLength },
    { id: 'common', isMet: generic === null },
    {
      id: 'personal',
      // When the password is already refused as too common, that message comes first: names unknown.
      isMet: personal ? !isEmpty && (withNames === null || withNames === generic) : null,
    },
  ]
}

/** The first rule not met, for the message shown at the field when the form is sent. */
export function firstUnmetRule(checks: RuleCheck[]): RuleId | null {
  return checks.find((check) => check.isMet === false)?.id ?? null
}

/**
 * The names a login points to (`prenom.nom2` → "nom"): enough to warn before sending; the server
 * checks the real names.
 */
export function personalWordsOf(login: string, firstName: string): PersonalWords {
  const [first = '', last = ''] = login.trim().toLowerCase().split('.')
  return { login: login.trim(), firstName: firstName || first, lastName: last.replace(/[0-9]+$/, '') }
}
