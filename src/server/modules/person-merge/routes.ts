import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  MergeAccountsBody,
  PersonComparison,
  PersonComparisonQuery,
  PersonMerge,
  PersonMergeParams,
  PersonMergesList,
  PersonSearchQuery,
  PersonSearchResults,
} from '../../../contract/person-merge.ts'
import { compareAccounts, listMerges, mergeAccounts, searchAccounts, undoMerge } from './service.ts'

const tags = ['comptes']

/** Merging and undoing are sensitive: the administrator's second factor must be recent. */
const STEP_UP_MINUTES = 15

/**
 * One person, one account: the administrators' console finds two accounts of one person, compares
 * them, merges them and undoes a wrong merge within its delay (ADR 0014).
 */
export async function personMergeRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/api/admin/people',
    {
      config: { policy: 'personMerge.manage' },
      schema: {
        tags,
        summary: 'Chercher des comptes par le nom (nom puis prénom), dans toutes les écoles de son ressort',
        querystring: PersonSearchQuery,
        response: { 200: PersonSearchResults },
      },
    },
    (request) => searchAccounts(request, request.query.q),
  )

  routes.get(
    '/api/admin/person-merges/comparison',
    {
      config: { policy: 'personMerge.manage' },
      schema: {
        tags,
        summary: 'Comparer deux comptes côte à côte : écoles, profils, enfants, activation',
        querystring: PersonComparisonQuery,
        response: { 200: PersonComparison },
      },
    },
    (request) => compareAccounts(request, request.query.a, request.query.b),
  )

  routes.get(
    '/api/admin/person-merges',
    {
      config: { policy: 'personMerge.manage' },
      schema: { tags, summary: 'Les dernières réunions de comptes', response: { 200: PersonMergesList } },
    },
    (request) => listMerges(request),
  )

  routes.post(
    '/api/admin/person-merges',
    {
      config: { policy: 'personMerge.manage', secondFactorWithinMinutes: STEP_UP_MINUTES },
      schema: {
        tags,
        summary: 'Réunir deux comptes d’une même personne (annulable pendant MERGE_UNDO_DAYS jours)',
        body: MergeAccountsBody,
        response: { 201: PersonMerge },
      },
    },
    async (request, reply) => reply.code(201).send(await mergeAccounts(request, request.body)),
  )

  routes.post(
    '/api/admin/person-merges/:mergeId/undo',
    {
      config: { policy: 'personMerge.manage', secondFactorWithinMinutes: STEP_UP_MINUTES },
      schema: {
        tags,
        summary: 'Annuler une réunion de comptes dans son délai',
        params: PersonMergeParams,
        response: { 200: PersonMerge },
      },
    },
    (request) => undoMerge(request, request.params.mergeId),
  )
}
