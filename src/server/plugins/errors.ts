import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Problem } from '../../contract/problem.ts'
import { createLogThrottle, isDatabaseUnavailable } from '../db/unavailable.ts'

// Validation messages reach users through the web app: French first.
z.config(z.locales.fr())

/**
 * An error the API answers as RFC 9457 problem details. `code` is stable for clients;
 * `detail` is a French sentence the web app can show as is.
 */
export class HttpProblem extends Error {
  readonly status: number
  readonly code: string
  readonly extra: Record<string, unknown>
  constructor(status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(detail)
    this.status = status
    this.code = code
    this.extra = extra
  }
}

export const notFound = (detail = 'Ressource introuvable.') => new HttpProblem(404, 'not-found', detail)
export const forbidden = (detail = "Vous n'avez pas le droit de faire cela.") =>
  new HttpProblem(403, 'forbidden', detail)
export const unauthenticated = (detail = 'Connectez-vous pour continuer.') =>
  new HttpProblem(401, 'unauthenticated', detail)

/** A 400 about one field of the body, shaped like a schema validation problem so forms show it in place. */
export const fieldProblem = (field: string, message: string) =>
  new HttpProblem(400, 'validation', message, { errors: [{ path: `body.${field}`, message }] })

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Introuvable',
  405: 'Méthode non permise',
  409: 'Conflit',
  413: 'Contenu trop volumineux',
  415: 'Type de contenu non pris en charge',
  422: 'Données refusées',
  429: 'Trop de requêtes',
  500: 'Erreur interne',
  503: 'Service indisponible',
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem)
}

function buildProblem(status: number, code: string, detail: string, request: FastifyRequest): Problem {
  return {
    type: `urn:preau:problem:${code}`,
    title: TITLES[status] ?? 'Erreur',
    status,
    code,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  }
}

/** What a request hears while the database is out of reach. */
export const UNAVAILABLE_DETAIL = 'Service momentanément indisponible, réessayez dans un instant.'
/** Seconds a client should wait before trying again after a 503 for the database. */
const DATABASE_RETRY_AFTER = 2
/** While the database is out of reach every request fails the same way: one log line per this period. */
const UNAVAILABLE_LOG_EVERY_MS = 10_000

/**
 * Every error leaves the server as `application/problem+json`; unexpected ones are logged, never shown.
 * A database out of reach is no bug: 503 with Retry-After, and one log line every 10 s, not one per
 * request.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    const unavailableLog = createLogThrottle(UNAVAILABLE_LOG_EVERY_MS)
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (isDatabaseUnavailable(error)) {
        const { write, skipped } = unavailableLog()
        if (write) {
          request.log.error(
            { err: error, alsoFailedSinceLastLine: skipped },
            'database unavailable: answering 503',
          )
        }
        reply.header('retry-after', String(DATABASE_RETRY_AFTER))
        return sendProblem(reply, buildProblem(503, 'database-unavailable', UNAVAILABLE_DETAIL, request))
      }
      if (error instanceof HttpProblem) {
        return sendProblem(reply, {
          ...buildProblem(error.status, error.code, error.message, request),
          ...error.extra,
        })
      }
      if (hasZodFastifySchemaValidationErrors(error) && error.validationContext === 'params') {
        // A malformed id in the path names nothing: 404, as an id that exists nowhere. The params
        // schemas (`resourceId` in the contract) carry the sentence, e.g. « Classe introuvable. ».
        const detail = error.validation[0]?.message ?? 'Ressource introuvable.'
        return sendProblem(reply, buildProblem(404, 'not-found', detail, request))
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const errors = error.validation.map((issue) => ({
          path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
          message: issue.message ?? 'valeur invalide',
        }))
        const detail = errors.map((e) => `${e.path} : ${e.message}`).join(' ; ')
        return sendProblem(reply, { ...buildProblem(400, 'validation', detail, request), errors })
      }
      if (isResponseSerializationError(error)) {
        request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema')
        return sendProblem(
          reply,
          buildProblem(500, 'internal', 'Une erreur inattendue est survenue.', request),
        )
      }
      const status = error.statusCode ?? 500
      if (status >= 500) {
        request.log.error({ err: error }, 'unexpected error')
        const detail =
          status === 503
            ? 'Le service est momentanément surchargé, réessayez.'
            : 'Une erreur inattendue est survenue.'
        return sendProblem(
          reply,
          buildProblem(status, status === 503 ? 'unavailable' : 'internal', detail, request),
        )
      }
      return sendProblem(
        reply,
        buildProblem(status, frameworkCode(error, status), frameworkDetail(error, status), request),
      )
    })
  },
  { name: 'errors' },
)

function frameworkCode(error: FastifyError, status: number): string {
  if (status === 429) return 'rate-limited'
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return 'csrf'
  if (status === 413) return 'payload-too-large'
  if (status === 415) return 'unsupported-media-type'
  return 'bad-request'
}

function frameworkDetail(error: FastifyError, status: number): string {
  if (status === 429) return 'Trop de tentatives : patientez une minute avant de réessayer.'
  if (error.code?.startsWith('FST_CSRF'))
    return 'Jeton anti-falsification absent ou invalide : rechargez la page.'
  if (status === 413) return 'Le contenu envoyé est trop volumineux.'
  if (status === 415) return "Ce type de contenu n'est pas accepté."
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
    return "Le corps de la requête n'est pas du JSON valide."
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'Le corps de la requête est vide.'
  return 'La requête est invalide.'
}

/** True for PostgreSQL's unique violation (23505), optionally on one constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string }
  return pgError?.code === '23505' && (!constraint || pgError.constraint === constraint)
}
