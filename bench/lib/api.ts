/**
 * Talking to a running Préau as the web app does: a CSRF token (and its cookie), then sign-in.
 */

/** Collects the cookies a server sets and gives them back as one Cookie header. */
export class CookieJar {
  readonly #cookies = new Map<string, string>()

  keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const equals = pair.indexOf('=')
      this.#cookies.set(pair.slice(0, equals), pair.slice(equals + 1))
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

/** `GET /api/auth/csrf`: the token for `x-csrf-token`, its cookie kept in `jar`. */
export async function fetchCsrfToken(baseUrl: string, jar: CookieJar): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`)
  jar.keep(response)
  const { token } = (await response.json()) as { token: string }
  return token
}

/**
 * Signs in through the API (CSRF token, then `POST /api/auth/login`), checks that `checkPath` answers 200
 * with the session, and returns the Cookie header. Only for accounts without a second factor.
 */
export async function signIn(
  baseUrl: string,
  login: string,
  password: string,
  checkPath = '/api/portal',
): Promise<string> {
  return (await signInForWriting(baseUrl, login, password, checkPath)).cookie
}

/**
 * `signIn`, also giving the CSRF token that goes with the cookie: the headers of a state-changing
 * request (`cookie` and `x-csrf-token`), as the web app sends them.
 */
export async function signInForWriting(
  baseUrl: string,
  login: string,
  password: string,
  checkPath = '/api/portal',
): Promise<{ cookie: string; csrfToken: string; headers: Record<string, string> }> {
  const jar = new CookieJar()
  const token = await fetchCsrfToken(baseUrl, jar)
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: jar.header() },
    body: JSON.stringify({ login, password }),
  })
  if (response.status !== 204) {
    throw new Error(`Connexion de ${login} refusée (${response.status}) : ${await response.text()}`)
  }
  jar.keep(response)
  const check = await fetch(`${baseUrl}${checkPath}`, { headers: { cookie: jar.header() } })
  if (check.status !== 200) throw new Error(`GET ${checkPath} après connexion : ${check.status}`)
  const cookie = jar.header()
  return { cookie, csrfToken: token, headers: { cookie, 'x-csrf-token': token } }
}
