import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { LoginBody } from '../../../contract/identity.ts'
import { apiPost, isApiError } from '../../api/client.ts'
import { SIGN_IN_PATH } from '../../app/sign-in-redirect.ts'

/**
 * What a sign-in answers: nothing when the session is open (204), or the second step the account
 * needs (directors and administrators: a TOTP code, or first its enrolment).
 */
export type SignInResult = { next: 'totp' | 'totp-enrolment' } | undefined

/** Checks login and password (the server sets the session cookie); rejects with an ApiError. */
export function signIn(body: LoginBody): Promise<SignInResult> {
  return apiPost<SignInResult>('/api/auth/login', body)
}

/** State passed to the sign-in page after a sign-out, so it can confirm it. */
export type SignInPageState = { signedOut?: boolean }

/**
 * Signs out, then shows the sign-in page and forgets every cached answer of the session (after the
 * navigation: forgetting while the pages are still shown would make them ask again, and get a 401).
 */
export function useSignOut(): () => Promise<void> {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  return async () => {
    try {
      await apiPost('/api/auth/logout')
    } catch (error) {
      // Already signed out (expired session): the goal is reached.
      if (!isApiError(error, 401)) throw error
    }
    const state: SignInPageState = { signedOut: true }
    await navigate(SIGN_IN_PATH, { replace: true, state })
    queryClient.clear()
  }
}
