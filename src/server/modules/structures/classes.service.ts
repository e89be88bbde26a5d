import type { ClassBody, ClassPatch } from '../../../contract/administration.ts'
import { fieldProblem, HttpProblem } from '../../plugins/errors.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import type { AuditAuthor } from '../audit/index.ts'
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
} from './classes.queries.ts'
import { CLASS, changeStructure, required } from './school-changes.ts'

/** The classes of the current year, and its label (null before the syndicate opens one). */
export async function listClasses(scope: SchoolScope) {
  const [year, classes] = await Promise.all([findCurrentYear(scope), findClasses(scope)])
  return { schoolYear: year?.label ?? null, classes }
}

async function requireCurrentClass(scope: SchoolScope, classId: string) {
  const klass = await findClass(scope, classId)
  return required(CLASS, klass && !klass.archivedAt && klass)
}

/** A class of the current year; 409 while no year is open. */
export async function createClass(scope: SchoolScope, author: AuditAuthor, body: ClassBody) {
  return changeStructure(
    CLASS,
    scope,
    author,
    async (trx) => {
      const year = await findCurrentYear(trx)
      if (!year)
        throw new HttpProblem(
          409,
          'no-school-year',
          'Aucune année scolaire n’est ouverte : le syndicat doit en ouvrir une.',
        )
      return insertClass(trx, year.id, body)
    },
    ({ id }) => ({ action: 'structures.addClass', target: { type: 'class', id }, details: body }),
  )
}

export async function editClass(scope: SchoolScope, author: AuditAuthor, classId: string, patch: ClassPatch) {
  await changeStructure(
    CLASS,
    scope,
    author,
    async (trx) => {
      await requireCurrentClass(trx, classId)
      await updateClass(trx, classId, patch)
    },
    () => ({ action: 'structures.editClass', target: { type: 'class', id: classId }, details: patch }),
  )
}

/** Archives the class: its members leave it, its history stays. */
export async function archiveSchoolClass(scope: SchoolScope, author: AuditAuthor, classId: string) {
  await changeStructure(
    CLASS,
    scope,
    author,
    async (trx) => required(CLASS, await archiveClass(trx, classId)),
    () => ({ action: 'structures.archiveClass', target: { type: 'class', id: classId } }),
  )
}

/** Makes a teacher of the school a teacher of the class (again: nothing changes). */
export async function assignTeacher(
  scope: SchoolScope,
  author: AuditAuthor,
  classId: string,
  userId: string,
) {
  await changeStructure(
    CLASS,
    scope,
    author,
    async (trx) => {
      await requireCurrentClass(trx, classId)
      if (!(await isTeacherOfSchool(trx, userId))) {
        throw fieldProblem('userId', 'Cette personne n’est pas enseignante dans l’école.')
      }
      await addClassTeacher(trx, classId, userId)
    },
    () => ({
      action: 'structures.assignTeacher',
      target: { type: 'class', id: classId },
      details: { userId },
    }),
  )
}

export async function unassignTeacher(
  scope: SchoolScope,
  author: AuditAuthor,
  classId: string,
  userId: string,
) {
  await changeStructure(
    CLASS,
    scope,
    author,
    async (trx) => {
      await requireCurrentClass(trx, classId)
      if (!(await removeClassTeacher(trx, classId, userId)))
        throw new HttpProblem(404, 'not-found', 'Enseignant introuvable dans cette classe.')
    },
    () => ({
      action: 'structures.unassignTeacher',
      target: { type: 'class', id: classId },
      details: { userId },
    }),
  )
}
