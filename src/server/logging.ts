import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import { LogController } from 'fastify'
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
