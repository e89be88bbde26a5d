import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { SheetAudience } from '../../../../contract/accounts.ts'
import {
  ConnectionSheetsQuery,
  EmailConnectionSheetsBody,
  EmailConnectionSheetsResponse,
} from '../../../../contract/accounts.ts'
import { ClassParams } from '../../../../contract/directory.ts'
import { auditAuthorOf, auditedSchoolChange, recordAudit } from '../../audit/index.ts'
import { findManagedClass } from '../class-access.ts'
import { findClassPeople, hasLiveCode, isInAudience, issueClassCodes } from '../class-people.ts'
import { connectionSheetsPdf } from '../connection-sheets.pdf.ts'
import { buildSheet, connectionSheetMail, connectionSheetsCsv } from '../connection-sheets.ts'

const tags = ['comptes']

/** `CE1 A (Mme Lenoir)` → `ce1-a-mme-lenoir`: a file name every system accepts. */
function fileSlug(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return slug || 'classe'
}

/**
 * The sheets of a class for its teachers and the director: every pupil and parent in `audience` whose
 * account waits with a valid code. With `regenerate`, those without a valid code get one first (codes
 * already handed out are kept, so that a reprint never invalidates a sheet at home).
 */
async function prepareSheets(
  request: FastifyRequest,
  classId: string,
  options: { audience: SheetAudience; regenerate: boolean },
) {
  const app = request.server
  const { scope, klass } = await findManagedClass(request, classId)
  let people = await findClassPeople(scope, klass.id)
  if (options.regenerate) {
    const result = await auditedSchoolChange(
      scope,
      auditAuthorOf(request),
      (inner) =>
        issueClassCodes(inner, klass.id, {
          audience: options.audience,
          mode: 'missing',
          days: app.config.activationCodeDays,
        }),
      ({ issued }) =>
        issued.length > 0
          ? {
              action: 'accounts.issueClassActivationCodes',
              schoolId: scope.schoolId,
              target: { type: 'class', id: klass.id },
              details: { for: options.audience, mode: 'missing', count: issued.length },
            }
          : null,
    )
    people = result.people
  }
  const where = { schoolName: klass.schoolName, className: klass.name, publicUrl: app.config.publicUrl }
  const sheets = people
    .filter((person) => isInAudience(person, options.audience) && hasLiveCode(person))
    .map((person) => ({ person, sheet: buildSheet(person, where) }))
  return { scope, klass, sheets }
}

function sendDocument(reply: FastifyReply, type: string, fileName: string, body: Buffer | string) {
  return (
    reply
      .header('content-type', type)
      .header(
        'content-disposition',
        `inline; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      )
      // Activation codes: kept by no cache, shared or private.
      .header('cache-control', 'no-store')
      .send(body)
  )
}

/** Connection sheets of a class: PDF to print, CSV, or e-mails to the parents who have an address. */
export async function connectionSheetsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  for (const format of ['pdf', 'csv'] as const) {
    routes.get(
      `/api/schools/:schoolId/classes/:classId/connection-sheets.${format}`,
      {
        config: { policy: 'accounts.printConnectionSheets', scope: 'school' },
        schema: {
          tags,
          summary:
            format === 'pdf'
              ? 'Les fiches de connexion d’une classe à imprimer (PDF, deux par page)'
              : 'Les fiches de connexion d’une classe en tableau (CSV UTF-8, séparateur ;)',
          params: ClassParams,
          querystring: ConnectionSheetsQuery,
        },
      },
      async (request, reply) => {
        const { for: audience } = request.query
        const { scope, klass, sheets } = await prepareSheets(request, request.params.classId, {
          audience,
          regenerate: false,
        })
        await recordAudit(request, {
          action: 'read:connection-sheets',
          schoolId: scope.schoolId,
          target: { type: 'class', id: klass.id },
          details: { format, for: audience, count: sheets.length },
        })
        const fileName = `fiches-connexion-${fileSlug(klass.name)}.${format}`
        const list = sheets.map(({ sheet }) => sheet)
        if (format === 'csv')
          return sendDocument(reply, 'text/csv; charset=utf-8', fileName, connectionSheetsCsv(list))
        const title = `Fiches de connexion · ${klass.schoolName} · ${klass.name}`
        return sendDocument(reply, 'application/pdf', fileName, await connectionSheetsPdf(list, title))
      },
    )
  }

  routes.post(
    '/api/schools/:schoolId/classes/:classId/connection-sheets/email',
    {
      config: { policy: 'accounts.emailConnectionSheets', scope: 'school' },
      schema: {
        tags,
        summary: 'Envoyer par e-mail à chaque parent qui a une adresse sa fiche de connexion',
        params: ClassParams,
        body: EmailConnectionSheetsBody,
        response: { 202: EmailConnectionSheetsResponse },
      },
    },
    async (request, reply) => {
      const { scope, klass, sheets } = await prepareSheets(request, request.params.classId, {
        audience: 'parents',
        regenerate: request.body?.regenerate ?? false,
      })
      let queued = 0
      for (const { person, sheet } of sheets) {
        if (!person.email) continue
        await app.mail.queue(connectionSheetMail(person.email, sheet))
        queued++
      }
      await recordAudit(request, {
        action: 'accounts.emailConnectionSheets',
        schoolId: scope.schoolId,
        target: { type: 'class', id: klass.id },
        details: { queued, withoutEmail: sheets.length - queued },
      })
      return reply.code(202).send({ queued, withoutEmail: sheets.length - queued })
    },
  )
}
