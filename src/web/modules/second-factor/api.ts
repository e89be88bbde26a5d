import { useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { z } from 'zod'
import type {
  RecoveryCodesResponse,
  SecurityResponse,
  TotpEnrolmentResponse,
} from '../../../contract/identity.ts'
import { apiGet, apiPost, isApiError } from '../../api/client.ts'
import { SIGN_IN_PATH } from '../../app/sign-in-redirect.ts'
import type { SignInPageState } from '../auth/api.ts'

/** A new authenticator secret: the key, its `otpauth://` URI and the QR code of that URI (SVG). */
export type Enrolment = z.input<typeof TotpEnrolmentResponse>

/** The second step of a paused sign-in: a code of the app, or a recovery code. */
export function verifySecondStep(body: { code: string } | { recoveryCode: string }): Promise<void> {
  return apiPost('/api/auth/totp', body)
}

/** Draws a new secret (for a paused sign-in, or the signed-in user); a new call replaces the last. */
export function startEnrolment(): Promise<Enrolment> {
  return apiPost<Enrolment>('/api/auth/totp/enrolment')
}

/**
 * Confirms the enrolment with a first code; answers the ten recovery codes, and opens the session when
 * it came from a paused sign-in.
 */
export function confirmEnrolment(code: string): Promise<z.input<typeof RecoveryCodesResponse>> {
  return apiPost('/api/auth/totp/enrolment/confirm', { code })
}

/** Replaces the recovery codes of the signed-in user, on a current code of their app. */
export function regenerateRecoveryCodes(code: string): Promise<z.input<typeof RecoveryCodesResponse>> {
  return apiPost('/api/me/security/recovery-codes', { code })
}

/** Cache key of the signed-in user's second-factor state. */
export const SECURITY_KEY = ['me', 'security'] as const

export type SecurityState = z.input<typeof SecurityResponse>

/** Whether the signed-in user uses a second factor, must, and how many recovery codes are left. */
export function useSecurity() {
  return useQuery({ queryKey: SECURITY_KEY, queryFn: () => apiGet<SecurityState>('/api/me/security') })
}

/** The server's answer when the paused sign-in is gone (ten minutes passed, or already used). */
export function isChallengeExpired(error: unknown): boolean {
  return isApiError(error, 401) && error.code === 'challenge-expired'
}

/** Back to the sign-in form, which says the second step took too long and must be started again. */
export function useRestartSignIn(): () => Promise<void> {
  const navigate = useNavigate()
  return async () => {
    const state: SignInPageState = { challengeExpired: true }
    await navigate(SIGN_IN_PATH, { replace: true, state })
  }
}
