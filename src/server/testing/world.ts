import type { Db } from '../db/connection.ts'
import {
  addMember,
  buildClass,
  buildCollectivity,
  buildSchool,
  buildUser,
  grantAdmin,
  linkFamily,
} from './factories.ts'

/**
 * The people every authorization test speaks of. Personas belong to the "own" school (A) or administer
 * above it; school B, in another collectivity, is "another school" with its own people and classes.
 */
export const PERSONAS = [
  'pupil',
  'parent',
  'teacher',
  'director',
  'staff',
  'collectivityAgent',
  'academic',
  'guest',
  'collectivityAdmin',
  'syndicateAdmin',
] as const
export type Persona = (typeof PERSONAS)[number]

export type SchoolFixture = {
  id: string
  collectivityId: string
  /** A commune covered by the school's collectivity. */
  inseeCode: string
  classId: string
  otherClassId: string
  pupilId: string
  otherClassPupilId: string
  parentId: string
  teacherId: string
  directorId: string
}

export type World = {
  own: SchoolFixture
  other: SchoolFixture
  /** The user id of each persona. */
  users: Record<Persona, string>
}

async function buildSchoolFixture(db: Db, label: string): Promise<SchoolFixture> {
  const collectivity = await buildCollectivity(db, { name: `Commune ${label}` })
  const school = await buildSchool(db, { collectivityId: collectivity.id, name: `École ${label}` })
  const klass = await buildClass(db, { schoolId: school.id, name: `CE1 ${label}`, levels: ['CE1'] })
  const otherClass = await buildClass(db, { schoolId: school.id, name: `CM2 ${label}`, levels: ['CM2'] })
  const member = async (profile: 'pupil' | 'parent' | 'teacher', classId?: string, director = false) => {
    const user = await buildUser(db, { firstName: profile, lastName: label })
    await addMember(db, { schoolId: school.id, userId: user.id, profile, classId, director })
    return user.id
  }
  const pupilId = await member('pupil', klass.id)
  const otherClassPupilId = await member('pupil', otherClass.id)
  const parentId = await member('parent')
  await linkFamily(db, { schoolId: school.id, pupilId, parentId })
  const teacherId = await member('teacher', klass.id)
  const directorId = await member('teacher', otherClass.id, true)
  return {
    id: school.id,
    collectivityId: collectivity.id,
    inseeCode: collectivity.communeCodes[0] ?? '59001',
    classId: klass.id,
    otherClassId: otherClass.id,
    pupilId,
    otherClassPupilId,
    parentId,
    teacherId,
    directorId,
  }
}

export async function buildWorld(db: Db): Promise<World> {
  const own = await buildSchoolFixture(db, 'A')
  const other = await buildSchoolFixture(db, 'B')
  const member = async (profile: 'staff' | 'collectivity_agent' | 'academic' | 'guest', classId?: string) => {
    const user = await buildUser(db, { firstName: profile, lastName: 'A' })
    await addMember(db, { schoolId: own.id, userId: user.id, profile, classId })
    return user.id
  }
  const collectivityAdmin = await buildUser(db, { firstName: 'Admin', lastName: 'Collectivité A' })
  await grantAdmin(db, {
    userId: collectivityAdmin.id,
    role: 'collectivity_admin',
    collectivityId: own.collectivityId,
  })
  const syndicateAdmin = await buildUser(db, { firstName: 'Admin', lastName: 'Syndicat' })
  await grantAdmin(db, { userId: syndicateAdmin.id, role: 'syndicate_admin' })
  return {
    own,
    other,
    users: {
      pupil: own.pupilId,
      parent: own.parentId,
      teacher: own.teacherId,
      director: own.directorId,
      staff: await member('staff', own.classId),
      collectivityAgent: await member('collectivity_agent'),
      academic: await member('academic'),
      guest: await member('guest'),
      collectivityAdmin: collectivityAdmin.id,
      syndicateAdmin: syndicateAdmin.id,
    },
  }
}
