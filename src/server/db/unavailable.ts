/**
 * Errors that say the database cannot be reached right now (connection lost, server restarting,
 * starting up, refusing connections) rather than that a query is wrong: they are answered 503 with
 * Retry-After, and the pool heals on its own. SQLSTATE classes 08 (connection exception) and 57P
 * (operator intervention: admin, crash or fast shutdown, cannot connect now), 53300 (too many
 * connections), and the network errors of the driver.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOENT', // the Unix socket of a stopped embedded server
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])

const DRIVER_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
  'Connection terminated due to connection timeout',
]

/** True when `error` (or one of its causes) means the database is unreachable for now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, message, cause, syscall } = current as {
      code?: unknown
      message?: unknown
      cause?: unknown
      syscall?: unknown
    }
    if (typeof code === 'string') {
      if (code.startsWith('08') || code.startsWith('57P') || code === '53300') return true
      if (NETWORK_CODES.has(code) && (code !== 'ENOENT' || syscall === 'connect')) return true
    }
    if (typeof message === 'string' && DRIVER_MESSAGES.some((text) => message.startsWith(text))) return true
    current = cause
  }
  return false
}

/**
 * A log line at most every `periodMs` for a fault that repeats (each request, each poll of the job
 * queue while the database is away): `take()` says whether to write one now, and how many were
 * skipped since the last.
 */
export function createLogThrottle(periodMs: number): () => { write: boolean; skipped: number } {
  let lastAt = 0
  let skipped = 0
  return () => {
    const now = Date.now()
    if (now - lastAt < periodMs) {
      skipped++
      return { write: false, skipped }
    }
    const result = { write: true, skipped }
    lastAt = now
    skipped = 0
    return result
  }
}
