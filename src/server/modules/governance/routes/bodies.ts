import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  BodyParams,
  BodyResponse,
  BodyRulesBody,
  DelegateBody,
  DelegateParams,
} from '../../../../contract/governance.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import { auditAuthorOf } from '../../audit/index.ts'
import { allowedActionsFor, assertCanReadRegister } from '../access.ts'
import { editBody, readBody, saveDelegate } from '../bodies.service.ts'
import { manage, tags } from './shared.ts'

/** The bodies' rules (from the statutes) and their delegates. */
export async function bodyRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const answer = async (request: Parameters<typeof actorOf>[0], bodyId: string) => ({
    ...(await readBody(app.db, bodyId)),
    allowedActions: allowedActionsFor(actorOf(request)),
  })

  routes.get(
    '/api/governance/bodies/:bodyId',
    {
      config: { policy: 'governance.read' },
      schema: {
        tags,
        summary: 'Une instance, ses règles et ses délégués',
        params: BodyParams,
        response: { 200: BodyResponse },
      },
    },
    async (request) => {
      await assertCanReadRegister(app.db, actorOf(request))
      return answer(request, request.params.bodyId)
    },
  )

  routes.put(
    '/api/governance/bodies/:bodyId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Les règles d’une instance (quorum, pouvoirs, délais, voix prépondérante)',
        params: BodyParams,
        body: BodyRulesBody,
        response: { 200: BodyResponse },
      },
    },
    async (request) => {
      await editBody(app.db, auditAuthorOf(request), request.params.bodyId, request.body)
      return answer(request, request.params.bodyId)
    },
  )

  routes.post(
    '/api/governance/bodies/:bodyId/delegates',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Ajouter un délégué',
        params: BodyParams,
        body: DelegateBody,
        response: { 201: BodyResponse },
      },
    },
    async (request, reply) => {
      const { bodyId } = request.params
      await saveDelegate(app.db, auditAuthorOf(request), { bodyId, delegateId: null }, request.body)
      return reply.status(201).send(await answer(request, bodyId))
    },
  )

  routes.put(
    '/api/governance/delegates/:delegateId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Modifier un délégué (siège, mandat, voix)',
        params: DelegateParams,
        body: DelegateBody,
        response: { 200: BodyResponse },
      },
    },
    async (request) => {
      const id = await saveDelegate(
        app.db,
        auditAuthorOf(request),
        { bodyId: null, delegateId: request.params.delegateId },
        request.body,
      )
      const row = await app.db
        .selectFrom('governanceDelegates')
        .select('bodyId')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      return answer(request, row.bodyId)
    },
  )
}
