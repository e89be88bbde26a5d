import { apiPost } from '../../api/client.ts'

/** Asks for a reset link by e-mail; the answer is the same whether an account matched or not. */
export function requestPasswordReset(loginOrEmail: string): Promise<{ detail: string }> {
  return apiPost('/api/auth/password-reset/request', { loginOrEmail })
}

/** Sets a new password with the token of the link received; every session of the account closes. */
export function resetPassword(body: {
  token: string
  password: string
  passwordConfirmation: string
}): Promise<void> {
  return apiPost('/api/auth/password-reset', body)
}
