import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AddItemBody,
  AttendanceBody,
  AttendanceParams,
  CreateMeetingBody,
  Deliberation,
  DeliberationBody,
  DeliberationParams,
  ItemParams,
  MeetingList,
  MeetingParams,
  MeetingResponse,
  SendConvocationBody,
  TransmissionBody,
  TypedAttendanceBody,
  VoteBody,
} from '../../../contract/governance.ts'
import { actorOf } from '../../plugins/policy/index.ts'
import { auditAuthorOf } from '../audit/index.ts'
import { allowedActionsFor, assertCanReadRegister } from './access.ts'
import { sendConvocation } from './convocation.service.ts'
import {
  publishDeliberation,
  readDeliberation,
  recordTransmission,
  saveDeliberation,
} from './deliberations.service.ts'
import { deliberationActes, deliberationExtract, meetingMinutes, registerCsv } from './documents.service.ts'
import { listBodies, listMeetings } from './meeting-queries.ts'
import {
  addItem,
  createMeeting,
  recordAttendance,
  recordTypedAttendance,
  recordVote,
} from './meetings.service.ts'
import { manage, meetingAnswer, read, sendFile, tags } from './routes/shared.ts'

/** The secretary's register: meetings, attendance, votes, deliberations and their documents. */
export async function governanceRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/governance/meetings',
    {
      config: read,
      schema: { tags, summary: 'Les séances des instances du syndicat', response: { 200: MeetingList } },
    },
    async (request) => {
      await assertCanReadRegister(app.db, actorOf(request))
      const [meetings, bodies] = await Promise.all([listMeetings(app.db), listBodies(app.db)])
      return {
        meetings: meetings.map((m) => ({ ...m, items: Number(m.items ?? 0) })),
        bodies: bodies.map(({ id, kind, name }) => ({ id, kind, name })),
        allowedActions: allowedActionsFor(actorOf(request)),
      }
    },
  )

  routes.post(
    '/api/governance/meetings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Préparer une séance',
        body: CreateMeetingBody,
        response: { 201: MeetingResponse },
      },
    },
    async (request, reply) => {
      const id = await createMeeting(app.db, auditAuthorOf(request), request.body)
      return reply.status(201).send(await meetingAnswer(app.db, request, id))
    },
  )

  routes.get(
    '/api/governance/meetings/:meetingId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Une séance, son quorum et ses votes calculés',
        params: MeetingParams,
        response: { 200: MeetingResponse },
      },
    },
    async (request) => {
      await assertCanReadRegister(app.db, actorOf(request))
      return meetingAnswer(app.db, request, request.params.meetingId)
    },
  )

  routes.put(
    '/api/governance/meetings/:meetingId/attendance/:delegateId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'La présence d’un délégué',
        params: AttendanceParams,
        body: AttendanceBody,
        response: { 200: MeetingResponse },
      },
    },
    async (request) => {
      const { meetingId, delegateId } = request.params
      await recordAttendance(app.db, auditAuthorOf(request), meetingId, delegateId, request.body)
      return meetingAnswer(app.db, request, meetingId)
    },
  )

  routes.put(
    '/api/governance/meetings/:meetingId/typed-attendance',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Les totaux imprimés du tableau de présence (séance saisie depuis le papier)',
        params: MeetingParams,
        body: TypedAttendanceBody,
        response: { 200: MeetingResponse },
      },
    },
    async (request) => {
      await recordTypedAttendance(app.db, auditAuthorOf(request), request.params.meetingId, request.body)
      return meetingAnswer(app.db, request, request.params.meetingId)
    },
  )

  routes.post(
    '/api/governance/meetings/:meetingId/items',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Ajouter un point à l’ordre du jour',
        params: MeetingParams,
        body: AddItemBody,
        response: { 201: MeetingResponse },
      },
    },
    async (request, reply) => {
      await addItem(app.db, auditAuthorOf(request), request.params.meetingId, request.body.title)
      return reply.status(201).send(await meetingAnswer(app.db, request, request.params.meetingId))
    },
  )

  routes.post(
    '/api/governance/meetings/:meetingId/convocation',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Envoyer la convocation (e-mail ou papier)',
        params: MeetingParams,
        body: SendConvocationBody,
        response: { 200: MeetingResponse },
      },
    },
    async (request) => {
      await sendConvocation(
        app,
        auditAuthorOf(request),
        request.params.meetingId,
        request.body.channel,
        request.body.sentAt,
      )
      return meetingAnswer(app.db, request, request.params.meetingId)
    },
  )

  routes.put(
    '/api/governance/items/:itemId/vote',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Le vote d’un point',
        params: ItemParams,
        body: VoteBody,
        response: { 200: MeetingResponse },
      },
    },
    async (request) => {
      const state = await recordVote(app.db, auditAuthorOf(request), request.params.itemId, request.body)
      return { ...state, allowedActions: allowedActionsFor(actorOf(request)) }
    },
  )

  routes.put(
    '/api/governance/items/:itemId/deliberation',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rédiger la délibération d’un point voté (numérotée dans l’année)',
        params: ItemParams,
        body: DeliberationBody.extend({ seq: z.number().int().min(1).max(100_000).optional() }),
        response: { 200: Deliberation },
      },
    },
    async (request) => {
      const { seq, ...text } = request.body
      const id = await saveDeliberation(app.db, auditAuthorOf(request), request.params.itemId, text, { seq })
      return (await readDeliberation(app.db, id)).deliberation
    },
  )

  routes.get(
    '/api/governance/deliberations/:deliberationId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Une délibération',
        params: DeliberationParams,
        response: { 200: Deliberation },
      },
    },
    async (request) => {
      await assertCanReadRegister(app.db, actorOf(request))
      return (await readDeliberation(app.db, request.params.deliberationId)).deliberation
    },
  )

  routes.post(
    '/api/governance/deliberations/:deliberationId/versions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Une nouvelle version d’une délibération publiée (l’ancienne est gardée)',
        params: DeliberationParams,
        body: DeliberationBody,
        response: { 200: Deliberation },
      },
    },
    async (request) => {
      const view = await readDeliberation(app.db, request.params.deliberationId)
      await saveDeliberation(app.db, auditAuthorOf(request), view.deliberation.itemId, request.body, {
        newVersion: true,
      })
      return (await readDeliberation(app.db, request.params.deliberationId)).deliberation
    },
  )

  routes.post(
    '/api/governance/deliberations/:deliberationId/publish',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Publier une délibération en ligne',
        params: DeliberationParams,
        response: { 200: Deliberation },
      },
    },
    async (request) => {
      await publishDeliberation(app.db, auditAuthorOf(request), request.params.deliberationId)
      return (await readDeliberation(app.db, request.params.deliberationId)).deliberation
    },
  )

  routes.put(
    '/api/governance/deliberations/:deliberationId/transmission',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Les dates de transmission au contrôle de légalité et de l’accusé de réception',
        params: DeliberationParams,
        body: TransmissionBody,
        response: { 200: Deliberation },
      },
    },
    async (request) => {
      await recordTransmission(app.db, auditAuthorOf(request), request.params.deliberationId, request.body)
      return (await readDeliberation(app.db, request.params.deliberationId)).deliberation
    },
  )

  routes.get(
    '/api/governance/deliberations/:deliberationId/extrait.pdf',
    { config: read, schema: { tags, summary: 'L’extrait certifié (PDF)', params: DeliberationParams } },
    async (request, reply) => {
      await assertCanReadRegister(app.db, actorOf(request))
      const { pdf, fileName } = await deliberationExtract(app.db, request.params.deliberationId, {
        publishedOnly: false,
      })
      return sendFile(reply, 'application/pdf', fileName, pdf)
    },
  )

  routes.get(
    '/api/governance/deliberations/:deliberationId/actes/:part',
    {
      config: manage,
      schema: {
        tags,
        summary: 'La transmission @CTES : l’enveloppe ou la description de l’acte (XML)',
        params: DeliberationParams.extend({
          part: z.enum(['acte', 'enveloppe'], { error: 'Fichier introuvable.' }),
        }),
      },
    },
    async (request, reply) => {
      const { xml, fileName } = await deliberationActes(
        app.db,
        request.params.deliberationId,
        request.params.part,
      )
      return sendFile(reply, 'application/xml; charset=utf-8', fileName, xml)
    },
  )

  routes.get(
    '/api/governance/meetings/:meetingId/proces-verbal.pdf',
    { config: read, schema: { tags, summary: 'Le procès-verbal de la séance (PDF)', params: MeetingParams } },
    async (request, reply) => {
      await assertCanReadRegister(app.db, actorOf(request))
      const { pdf, fileName } = await meetingMinutes(app.db, request.params.meetingId)
      return sendFile(reply, 'application/pdf', fileName, pdf)
    },
  )

  routes.get(
    '/api/governance/register.csv',
    { config: read, schema: { tags, summary: 'Le registre au format SCDL « Délibérations » (CSV)' } },
    async (request, reply) => {
      await assertCanReadRegister(app.db, actorOf(request))
      return sendFile(
        reply,
        'text/csv; charset=utf-8',
        'deliberations.csv',
        await registerCsv(app.db, app.config.publicUrl),
      )
    },
  )
}
