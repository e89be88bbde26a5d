import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CollectivityParams } from '../../../contract/administration.ts'
import { SchoolId } from '../../../contract/ids.ts'
import {
  CirconscriptionParams,
  DashboardResponse,
  PeriodQuery,
  RecordOpeningBody,
  SERVICE_OF_APP,
  StatisticsAreasResponse,
} from '../../../contract/statistics.ts'
import { notFound } from '../../plugins/errors.ts'
import { actorOf, collectivityAccessOf, schoolScopeOf } from '../../plugins/policy/index.ts'
import { collectivityName, schoolName } from './queries.ts'
import {
  areaDashboard,
  areasOf,
  dashboardCsv,
  periodOf,
  readsCirconscription,
  schoolDashboard,
} from './service.ts'

const tags = ['statistiques']

function sendCsv(reply: FastifyReply, fileName: string, csv: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(csv)
}

const fileDay = (period: { from: string; to: string }) => `${period.from}_${period.to}`

/**
 * The usage dashboards (JSON for the page, CSV for a spreadsheet) of the syndicate, a collectivity, a
 * circonscription and a school, and the small call the web makes when an application opens.
 */
export async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.post(
    '/api/usage/openings',
    {
      config: { policy: 'statistics.recordOpening' },
      schema: {
        tags,
        summary: 'Compter l’ouverture d’une application (une fois par personne, école et jour)',
        body: RecordOpeningBody,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const { app: appId, schoolId } = request.body
      // Counted in the schools the person belongs to (the page's school when it names one of them).
      const memberships = actor.memberships.filter((m) => !schoolId || m.schoolId === schoolId)
      app.usage.opened(actor.userId, memberships, SERVICE_OF_APP[appId]!)
      return reply.code(204).send()
    },
  )

  routes.get(
    '/api/statistics/areas',
    {
      config: { policy: 'statistics.listAreas' },
      schema: {
        tags,
        summary: 'Les tableaux de bord que je peux consulter',
        response: { 200: StatisticsAreasResponse },
      },
    },
    async (request) => ({ areas: await areasOf(app.db, actorOf(request)) }),
  )

  for (const format of ['json', 'csv'] as const) {
    const suffix = format === 'csv' ? '.csv' : ''
    const response = format === 'json' ? { response: { 200: DashboardResponse } } : {}
    // An export always hides small counts; a view hides them below the syndicate.
    const hideSmall = (isSyndicateAdmin: boolean) => format === 'csv' || !isSyndicateAdmin

    routes.get(
      `/api/statistics/syndicate${suffix}`,
      {
        config: { policy: 'statistics.readSyndicate' },
        schema: { tags, summary: 'Usage de tout le syndicat', querystring: PeriodQuery, ...response },
      },
      async (request, reply) => {
        const period = periodOf(request.query)
        const dashboard = await areaDashboard(
          app.db,
          { kind: 'syndicat', id: '', name: 'Tout le syndicat' },
          period,
          hideSmall(true),
        )
        return format === 'csv'
          ? sendCsv(reply, `usage-syndicat_${fileDay(period)}.csv`, dashboardCsv(dashboard))
          : dashboard
      },
    )

    routes.get(
      `/api/collectivities/:collectivityId/statistics${suffix}`,
      {
        config: { policy: 'statistics.readCollectivity', scope: 'collectivity' },
        schema: {
          tags,
          summary: 'Usage des écoles d’une collectivité',
          params: CollectivityParams,
          querystring: PeriodQuery,
          ...response,
        },
      },
      async (request, reply) => {
        const access = collectivityAccessOf(request)
        const name = await collectivityName(app.db, access.collectivityId)
        if (!name) throw notFound('Collectivité introuvable.')
        const period = periodOf(request.query)
        const dashboard = await areaDashboard(
          app.db,
          { kind: 'collectivite', id: access.collectivityId, name },
          period,
          hideSmall(actorOf(request).isSyndicateAdmin),
        )
        return format === 'csv'
          ? sendCsv(reply, `usage-collectivite_${fileDay(period)}.csv`, dashboardCsv(dashboard))
          : dashboard
      },
    )

    routes.get(
      `/api/statistics/circonscriptions/:circonscription${suffix}`,
      {
        config: { policy: 'statistics.readCirconscription' },
        schema: {
          tags,
          summary: 'Usage des écoles d’une circonscription',
          params: CirconscriptionParams,
          querystring: PeriodQuery,
          ...response,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        const name = request.params.circonscription
        if (!(await readsCirconscription(app.db, actor, name))) throw notFound('Circonscription introuvable.')
        const period = periodOf(request.query)
        const dashboard = await areaDashboard(
          app.db,
          { kind: 'circonscription', id: name, name },
          period,
          hideSmall(actor.isSyndicateAdmin),
        )
        return format === 'csv'
          ? sendCsv(reply, `usage-circonscription_${fileDay(period)}.csv`, dashboardCsv(dashboard))
          : dashboard
      },
    )

    routes.get(
      `/api/schools/:schoolId/statistics${suffix}`,
      {
        config: { policy: 'statistics.readSchool', scope: 'school' },
        schema: {
          tags,
          summary: 'Usage d’une école',
          params: z.object({ schoolId: SchoolId }),
          querystring: PeriodQuery,
          ...response,
        },
      },
      async (request, reply) => {
        const scope = schoolScopeOf(request)
        const name = (await schoolName(app.db, scope.schoolId)) ?? ''
        const period = periodOf(request.query)
        const dashboard = await schoolDashboard(
          app.db,
          scope,
          { kind: 'ecole', id: scope.schoolId, name },
          period,
          hideSmall(actorOf(request).isSyndicateAdmin),
        )
        return format === 'csv'
          ? sendCsv(reply, `usage-ecole_${fileDay(period)}.csv`, dashboardCsv(dashboard))
          : dashboard
      },
    )
  }
}
