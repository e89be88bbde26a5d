import type { ActivationBody, ActivationCheckResponse } from '../../../contract/identity.ts'
import { apiPost } from '../../api/client.ts'
import type { SignInResult } from '../auth/api.ts'

export type ActivationAccount = ActivationCheckResponse

/** Checks a login and its activation code; answers the first name and the password rule. */
export function checkActivation(body: { login: string; code: string }): Promise<ActivationAccount> {
  return apiPost('/api/auth/activation/check', body)
}

/**
 * Activates the account (password, charter, contacts): nothing when signed in, or the second step a
 * director's account needs first.
 */
export function activate(body: ActivationBody): Promise<SignInResult> {
  return apiPost('/api/auth/activation', body)
}

/** The code as the server compares it: case, spaces and dashes do not matter. */
export function tidyActivationCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, '')
}
