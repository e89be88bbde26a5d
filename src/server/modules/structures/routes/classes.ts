import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ClassBody,
  ClassList,
  ClassPatch,
  ClassTeacherBody,
  ClassTeacherParams,
} from '../../../../contract/administration.ts'
import { CreatedResponse } from '../../../../contract/communication.ts'
import { ClassParams } from '../../../../contract/directory.ts'
import { SchoolParams } from '../../../../contract/portal.ts'
import { actorOf } from '../../../plugins/policy/index.ts'
import {
  archiveSchoolClass,
  assignTeacher,
  createClass,
  editClass,
  listClasses,
  unassignTeacher,
} from '../classes.service.ts'
import { changeOf } from './school-routes.ts'

const tags = ['écoles']

/** The director's classes: create, rename, set levels, archive, assign teachers. */
export async function classesRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const manage = { policy: 'structures.manageClasses', scope: 'school' } as const

  routes.get(
    '/api/schools/:schoolId/classes',
    {
      config: { policy: 'structures.viewClasses', scope: 'school', largeAnswer: true },
      schema: {
        tags,
        summary: 'Les classes de l’année en cours',
        params: SchoolParams,
        response: { 200: ClassList },
      },
    },
    async (request) => ({
      ...(await listClasses(changeOf(request).scope)),
      allowedActions: app.allowedActions(actorOf(request), [manage.policy], request.school),
    }),
  )

  routes.post(
    '/api/schools/:schoolId/classes',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Créer une classe',
        params: SchoolParams,
        body: ClassBody,
        response: { 201: CreatedResponse },
      },
    },
    async (request, reply) => {
      const { scope, author } = changeOf(request)
      return reply.code(201).send(await createClass(scope, author, request.body))
    },
  )

  routes.patch(
    '/api/schools/:schoolId/classes/:classId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Renommer une classe ou changer ses niveaux',
        params: ClassParams,
        body: ClassPatch,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { scope, author } = changeOf(request)
      await editClass(scope, author, request.params.classId, request.body)
      return reply.code(204).send(null)
    },
  )

  routes.delete(
    '/api/schools/:schoolId/classes/:classId',
    {
      config: manage,
      schema: { tags, summary: 'Archiver une classe', params: ClassParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { scope, author } = changeOf(request)
      await archiveSchoolClass(scope, author, request.params.classId)
      return reply.code(204).send(null)
    },
  )

  routes.post(
    '/api/schools/:schoolId/classes/:classId/teachers',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Affecter un enseignant à la classe',
        params: ClassParams,
        body: ClassTeacherBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { scope, author } = changeOf(request)
      await assignTeacher(scope, author, request.params.classId, request.body.userId)
      // Their classes are part of their session.
      app.sessions.forgetUser(request.body.userId)
      return reply.code(204).send(null)
    },
  )

  routes.delete(
    '/api/schools/:schoolId/classes/:classId/teachers/:userId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Retirer un enseignant de la classe',
        params: ClassTeacherParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { scope, author } = changeOf(request)
      const { classId, userId } = request.params
      await unassignTeacher(scope, author, classId, userId)
      app.sessions.forgetUser(userId)
      return reply.code(204).send(null)
    },
  )
}
