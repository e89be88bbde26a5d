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
import { fieldProblem, HttpProblem, isUniqueViolation, notFound } from '../../../plugins/errors.ts'
import { actorOf, schoolScopeOf } from '../../../plugins/policy/index.ts'
import type { SchoolScope } from '../../../plugins/tenancy.ts'
import { recordAudit } from '../../audit/index.ts'
import {
  addClassTeacher,
  archiveClass,
  findClass,
  findClasses,
  findCurrentYear,
  insertClass,
  isTeacherOfSchool,
  removeClassTeacher,
  updateClass,
} from '../classes.queries.ts'

const tags = ['écoles']
const CLASS_ACTIONS = ['structures.manageClasses'] as const

async function requireClass(scope: SchoolScope, classId: string) {
  const klass = await findClass(scope, classId)
  if (!klass || klass.archivedAt) throw notFound('Classe introuvable.')
  return klass
}

const duplicateName = () => fieldProblem('name', 'Une classe porte déjà ce nom cette année.')

/** The director's classes: create, rename, set levels, archive, assign teachers. */
export async function classesRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const manage = { policy: 'structures.manageClasses', scope: 'school' } as const

  routes.get(
    '/api/schools/:schoolId/classes',
    {
      config: { policy: 'structures.viewClasses', scope: 'school' },
      schema: {
        tags,
        summary: 'Les classes de l’année en cours',
        params: SchoolParams,
        response: { 200: ClassList },
      },
    },
    async (request) => {
      const scope = schoolScopeOf(request)
      const [year, classes] = await Promise.all([findCurrentYear(scope), findClasses(scope)])
      return {
        schoolYear: year?.label ?? null,
        classes,
        allowedActions: app.allowedActions(actorOf(request), CLASS_ACTIONS, request.school),
      }
    },
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
      const scope = schoolScopeOf(request)
      const year = await findCurrentYear(scope)
      if (!year)
        throw new HttpProblem(
          409,
          'no-school-year',
          'Aucune année scolaire n’est ouverte : le syndicat doit en ouvrir une.',
        )
      try {
        const { id } = await insertClass(scope, year.id, request.body)
        await recordAudit(request, {
          action: 'structures.addClass',
          schoolId: scope.schoolId,
          target: { type: 'class', id },
          details: request.body,
        })
        return reply.code(201).send({ id })
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateName()
        throw error
      }
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
      const scope = schoolScopeOf(request)
      await requireClass(scope, request.params.classId)
      try {
        await updateClass(scope, request.params.classId, request.body)
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateName()
        throw error
      }
      await recordAudit(request, {
        action: 'structures.editClass',
        schoolId: scope.schoolId,
        target: { type: 'class', id: request.params.classId },
        details: request.body,
      })
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
      const scope = schoolScopeOf(request)
      const { classId } = request.params
      if (!(await archiveClass(scope, classId))) throw notFound('Classe introuvable.')
      await recordAudit(request, {
        action: 'structures.archiveClass',
        schoolId: scope.schoolId,
        target: { type: 'class', id: classId },
      })
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
      const scope = schoolScopeOf(request)
      const { classId } = request.params
      await requireClass(scope, classId)
      if (!(await isTeacherOfSchool(scope, request.body.userId))) {
        throw fieldProblem('userId', 'Cette personne n’est pas enseignante dans l’école.')
      }
      await addClassTeacher(scope, classId, request.body.userId)
      app.sessions.forgetUser(request.body.userId)
      await recordAudit(request, {
        action: 'structures.assignTeacher',
        schoolId: scope.schoolId,
        target: { type: 'class', id: classId },
        details: request.body,
      })
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
      const scope = schoolScopeOf(request)
      const { classId, userId } = request.params
      await requireClass(scope, classId)
      if (!(await removeClassTeacher(scope, classId, userId)))
        throw notFound('Enseignant introuvable dans cette classe.')
      app.sessions.forgetUser(userId)
      await recordAudit(request, {
        action: 'structures.unassignTeacher',
        schoolId: scope.schoolId,
        target: { type: 'class', id: classId },
        details: { userId },
      })
      return reply.code(204).send(null)
    },
  )
}
