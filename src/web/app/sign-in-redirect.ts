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
  if (value === SIGN_IN_PATH || value.startsWith(`${SIGN_IN_PATH}?`)) return '/'
  return value
}
