import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  AcceptCharterBody,
  CharterStatusResponse,
  DeploymentIdentity,
  DeploymentResponse,
} from '../../../contract/deployment.ts'
import { actorOf } from '../../plugins/policy/index.ts'
import { recordAudit } from '../audit/index.ts'
import { acceptCharter, changeDeploymentIdentity, readCharterStatus, readDeployment } from './service.ts'

const tags = ['déploiement']

/** The deployment's identity (public, for the legal pages) and each user's acceptance of the charter. */
export async function deploymentRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/deployment',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Le syndicat qui exploite Préau, son délégué à la protection des données, la charte en vigueur',
        response: { 200: DeploymentResponse },
      },
    },
    () => readDeployment(app.db),
  )

  routes.put(
    '/api/deployment',
    {
      config: { policy: 'deployment.editIdentity' },
      schema: {
        tags,
        summary: 'Changer le nom, l’adresse et le délégué à la protection des données du syndicat',
        body: DeploymentIdentity,
        response: { 200: DeploymentResponse },
      },
    },
    async (request) => {
      // The change and its audit entry commit together, or neither does.
      await app.db.transaction().execute(async (trx) => {
        await changeDeploymentIdentity(trx, request.body)
        await recordAudit(
          request,
          { action: 'deployment.editIdentity', details: { name: request.body.name } },
          trx,
        )
      })
      return readDeployment(app.db)
    },
  )

  routes.get(
    '/api/me/charter',
    {
      config: { policy: 'deployment.acceptCharter' },
      schema: {
        tags,
        summary: 'La version de la charte que j’ai acceptée, et s’il faut accepter la nouvelle',
        response: { 200: CharterStatusResponse },
      },
    },
    (request) => readCharterStatus(app.db, actorOf(request).userId),
  )

  routes.post(
    '/api/me/charter',
    {
      config: { policy: 'deployment.acceptCharter' },
      schema: {
        tags,
        summary: 'Accepter la charte en vigueur',
        body: AcceptCharterBody,
        response: { 200: CharterStatusResponse },
      },
    },
    async (request) => {
      const userId = actorOf(request).userId
      await acceptCharter(app.db, userId, request.body.version)
      return readCharterStatus(app.db, userId)
    },
  )
}
