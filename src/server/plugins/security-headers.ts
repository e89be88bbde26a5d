import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet, { type HelmetOptions } from 'helmet'
import type { Config } from '../config.ts'

/**
 * The security headers, computed once at start: Helmet's complete set for documents (the web app,
 * static files, the API's documentation), and a short set for data (JSON of the API, health,
 * metrics), which no browser renders: nothing to frame or run there, but nothing to keep either. Helmet's middleware would
 * rebuild them from its options at every request (a sixth of the time of a small request); they never
 * change, so they are captured from one run and set as they are.
 */
/** JSON and text answers: rendered by nobody, cached by nobody (shared school computers). */
export function apiSecurityHeaders(config: Pick<Config, 'isSecure'>): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...(config.isSecure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

/** Paths that answer data rather than documents (the API's own documentation is a document). */
export function isDataPath(url: string): boolean {
  if (url.startsWith('/api/')) return !url.startsWith('/api/docs')
  const query = url.indexOf('?')
  const path = query < 0 ? url : url.slice(0, query)
  return path === '/health' || path === '/ready' || path === '/metrics'
}

export function helmetOptions(config: Pick<Config, 'isSecure'>): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.isSecure ? [] : null,
      },
    },
    strictTransportSecurity: config.isSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  }
}

export function computeSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value)
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()]
    },
  }
  let failure: unknown
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error
  })
  if (failure) throw failure
  return headers
}
