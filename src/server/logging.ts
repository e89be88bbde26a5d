import type { FastifyBaseLogger, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import { LogController } from 'fastify'
import type { Bindings, ChildLoggerOptions } from 'fastify/types/logger.js'
import type { Config } from './config.ts'

/**
 * Structured logs (pino JSON, one line per request with its id, route, status, duration and user id),
 * pretty-printed when a person watches a terminal. Nothing secret is logged: cookies, credentials and
 * tokens are redacted wherever they appear, and query strings (which may carry tokens) are dropped.
 */
export function loggerOptions(
  config: Config,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  const pretty = !stream && process.stdout.isTTY && process.env.LOG_FORMAT !== 'json'
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request) => ({ method: request.method, path: request.url.split('?')[0], id: request.id }),
    },
  }
}

const ABOVE_INFO = new Set(['warn', 'error', 'fatal', 'silent'])

/** One line per request, when it completes; nothing when it arrives. */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const failed = Boolean(error) || reply.statusCode >= 500
    // Below the configured level the line is not even built (benchmarks run at `warn`).
    if (!failed && ABOVE_INFO.has(request.log.level)) return
    const line = {
      method: request.method,
      path: request.url.split('?')[0],
      route: request.routeOptions.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      user: request.actor?.userId,
    }
    if (failed) request.log.error({ ...line, err: error }, 'request')
    else request.log.info(line, 'request')
  }
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'
type LogCall = (...args: unknown[]) => void

/**
 * A request's logger, which becomes a pino child (bound to the request id) on its first line only.
 * Fastify makes one per request; most requests write no line (and none at all below `info`), and
 * building the child — its bindings serialised, its serializers — was ~2 % of a small request's CPU.
 */
export class RequestLogger {
  readonly #parent: FastifyBaseLogger
  readonly #bindings: Bindings
  readonly #options: ChildLoggerOptions
  #child: FastifyBaseLogger | null = null

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent
    this.#bindings = bindings
    this.#options = options
  }

  get level(): string {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level
  }

  set level(level: string) {
    this.#real().level = level
  }

  #real(): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options)
    return this.#child
  }

  #line(level: Level): LogCall {
    return (...args) => {
      if (!this.#child && !enabled(this.#parent, this.level, level)) return
      ;(this.#real()[level] as LogCall)(...args)
    }
  }

  fatal = this.#line('fatal')
  error = this.#line('error')
  warn = this.#line('warn')
  info = this.#line('info')
  debug = this.#line('debug')
  trace = this.#line('trace')
  silent: LogCall = () => {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options)
  }
}

/** Whether a line at `level` passes `threshold`, by the parent's (pino's) level values. */
function enabled(parent: FastifyBaseLogger, threshold: string, level: Level): boolean {
  const values = (parent as unknown as { levels?: { values: Record<string, number> } }).levels?.values
  if (!values) return true
  return (values[level] ?? 0) >= (values[threshold] ?? Number.POSITIVE_INFINITY)
}

/** Fastify's `childLoggerFactory`: the request's logger, a pino child once it writes. */
export function requestLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new RequestLogger(parent, bindings, options) as unknown as FastifyBaseLogger
}
