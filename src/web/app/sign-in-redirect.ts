/** Path of the sign-in page; `retour` carries the page to come back to. */
export const SIGN_IN_PATH = '/connexion'

/** The sign-in URL that brings the user back to `path` afterwards. */
export function signInUrlFor(path: string): string {
  return path === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?retour=${encodeURIComponent(path)}`
}

/**
 * Where to go after signing in: the `retour` parameter when it is a path of this site, else the portal.
 * Anything else (`//evil.example`, `https://…`) is ignored so the link cannot send users elsewhere.
 */
export function safeReturnPath(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  if (
    value === SIGN_IN_PATH ||
    value.startsWith(`${SIGN_IN_PATH}?`) ||
    value.startsWith(`${SIGN_IN_PATH}/`)
  ) {
    return '/'
  }
  return value
}

/** The pages of the second step of sign-in, under the sign-in page's path. */
export const SECOND_STEP_PATHS = {
  /** A code of the authenticator app (or a recovery code). */
  totp: `${SIGN_IN_PATH}/code`,
  /** The first, mandatory enrolment of an authenticator app. */
  'totp-enrolment': `${SIGN_IN_PATH}/double-authentification`,
  /** Too many wrong codes locked the app's codes: only a recovery code opens now. */
  'recovery-code': `${SIGN_IN_PATH}/code?bloque=1`,
} as const

/** The second-step page the server asked for, carrying the page to come back to. */
export function secondStepUrl(next: keyof typeof SECOND_STEP_PATHS, returnPath: string): string {
  const path = SECOND_STEP_PATHS[next]
  if (returnPath === '/') return path
  return `${path}${path.includes('?') ? '&' : '?'}retour=${encodeURIComponent(returnPath)}`
}
