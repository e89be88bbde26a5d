import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { z } from 'zod'
import type { LoginBody, SecondStepResponse } from '../../../contract/identity.ts'
import { apiPost, isApiError } from '../../api/client.ts'
import { SIGN_IN_PATH } from '../../app/sign-in-redirect.ts'

/**
 * What a sign-in answers: nothing when the session is open (204), or the second step the account
 * needs (directors and administrators: a TOTP code, or first its enrolment).
 */
export type SignInResult = z.input<typeof SecondStepResponse> | undefined

/** Checks login and password (the server sets the session cookie); rejects with an ApiError. */
export function signIn(body: LoginBody): Promise<SignInResult> {
  return apiPost<SignInResult>('/api/auth/login', body)
}

/**
 * Why the sign-in page is shown, passed in the navigation state so it can say so: after a sign-out,
 * a new password, or a second step whose time ran out.
 */
export type SignInPageState = { signedOut?: boolean; passwordChanged?: boolean; challengeExpired?: boolean }

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

/**
 * Opens the app once a session exists (after a password, a second step, an activation or a login
 * card): the cache of a previous visitor on this device is forgotten first.
 */
export function useEnterApp(): (path: string) => Promise<void> {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  return async (path) => {
    queryClient.clear()
    await navigate(path, { replace: true })
  }
}
