import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { sessionCookieName } from '../plugins/auth/session.ts'
import { insertSession, newSessionToken } from '../plugins/auth/session-store.ts'

type Body = Record<string, unknown> | unknown[] | undefined

/**
 * A browser-like client over `app.inject()`: keeps cookies between requests and sends the CSRF token on
 * every state-changing request, as the web app does.
 */
export class TestClient {
  private readonly cookies = new Map<string, string>()
  private csrfToken: Promise<string> | null = null
  private readonly app: FastifyInstance

  constructor(app: FastifyInstance) {
    this.app = app
  }

  /**
   * A client already signed in as `userId`, through a session written directly (no password check): by
   * default as after the password and the second factor; `{ secondFactor: false }` for a session opened
   * with the password alone.
   */
  static async signedInAs(
    app: FastifyInstance,
    userId: string,
    options: { secondFactor?: boolean } = {},
  ): Promise<TestClient> {
    const client = new TestClient(app)
    const { token, tokenHash } = newSessionToken()
    await insertSession(app.db, {
      userId,
      tokenHash,
      expiresAt: new Date(Date.now() + 3_600_000),
      ip: null,
      userAgent: 'test',
      proof: { firstFactor: 'password', secondFactor: options.secondFactor === false ? null : 'totp' },
    })
    client.cookies.set(sessionCookieName(app.config), token)
    return client
  }

  /** Signs in through the API, as a person would; returns the login response. */
  async signIn(login: string, password: string): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/login', { login, password })
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers })
  }

  post(url: string, body?: Body, headers: Record<string, string> = {}) {
    return this.request({ method: 'POST', url, payload: body as InjectOptions['payload'], headers })
  }

  put(url: string, body?: Body) {
    return this.request({ method: 'PUT', url, payload: body as InjectOptions['payload'] })
  }

  patch(url: string, body?: Body) {
    return this.request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] })
  }

  delete(url: string) {
    return this.request({ method: 'DELETE', url })
  }

  /** Any request; unsafe methods get the CSRF token unless the caller set the header itself. */
  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const method = (options.method ?? 'GET').toUpperCase()
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && !('x-csrf-token' in headers)) {
      headers['x-csrf-token'] = await this.ensureCsrfToken()
    }
    const response = await this.app.inject({ ...options, headers, cookies: Object.fromEntries(this.cookies) })
    this.remember(response)
    return response
  }

  /** The value of a cookie this client holds, if any. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name)
  }

  /** One token per client, even when requests start concurrently. */
  private ensureCsrfToken(): Promise<string> {
    this.csrfToken ??= this.app
      .inject({ method: 'GET', url: '/api/auth/csrf', cookies: Object.fromEntries(this.cookies) })
      .then((response) => {
        this.remember(response)
        return (response.json() as { token: string }).token
      })
    return this.csrfToken
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as {
      name: string
      value: string
      expires?: Date
      maxAge?: number
    }[]) {
      const expired =
        cookie.value === '' ||
        (cookie.expires && cookie.expires.getTime() < Date.now()) ||
        cookie.maxAge === 0
      if (expired) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
  }
}
