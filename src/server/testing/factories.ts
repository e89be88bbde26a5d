import { randomInt } from 'node:crypto'
import { CURRENT_CHARTER } from '../../contract/charter.ts'
import { luhnCheckDigit, uaiCheckLetter } from '../../contract/codes.ts'
import type { ClassLevel, Profile, SchoolKind } from '../../contract/structures.ts'
import type { Db } from '../db/connection.ts'
import { schoolYearOf } from '../demo/demo-deployment.ts'
import { hashPassword } from '../modules/identity/index.ts'
import { displayName } from '../modules/identity/logins.ts'

/**
 * Factories for tests: each builds one valid row with unique identifiers and returns it. Overrides set
 * what a test cares about; everything else is plausible and unique.
 */
export const TEST_PASSWORD = 'mot-de-passe-de-test'

let passwordHash: Promise<string> | null = null
/** One argon2id hash of TEST_PASSWORD shared by every test user (hashing each would take seconds). */
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  return passwordHash
}

let sequence = 0
const next = () => ++sequence

// Each test file has its own database: a counter makes identifiers unique there without any chance of
// collision; the random start only keeps them varied from one run to the next.
const start = randomInt(1_000_000)
const uniqueDigits = (length: number) =>
  String(start + next())
    .padStart(length, '0')
    .slice(-length)

export async function buildCollectivity(
  db: Db,
  overrides: Partial<{
    name: string
    kind: 'commune' | 'epci'
    inseeCode: string
    communeCodes: string[]
  }> = {},
) {
  const eight = uniqueDigits(8)
  const inseeCode = overrides.inseeCode ?? `59${uniqueDigits(3)}`
  return db
    .insertInto('collectivities')
    .values({
      kind: overrides.kind ?? 'commune',
      name: overrides.name ?? `Commune de test ${next()}`,
      siren: eight + luhnCheckDigit(eight),
      inseeCode: overrides.kind === 'epci' ? null : inseeCode,
      communeCodes: overrides.communeCodes ?? [inseeCode],
      population: 5000,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function buildSchool(
  db: Db,
  overrides: { collectivityId: string; name?: string; kind?: SchoolKind },
) {
  const seven = `0${uniqueDigits(6)}`
  return db
    .insertInto('schools')
    .values({
      collectivityId: overrides.collectivityId,
      uai: seven + uaiCheckLetter(seven),
      name: overrides.name ?? `École de test ${next()}`,
      kind: overrides.kind ?? 'primaire',
      inseeCode: '59001',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The current school year, created when missing. */
export async function currentSchoolYear(db: Db) {
  const existing = await db
    .selectFrom('schoolYears')
    .selectAll()
    .where('isCurrent', '=', true)
    .executeTakeFirst()
  if (existing) return existing
  return db
    .insertInto('schoolYears')
    .values({ ...schoolYearOf(new Date()), isCurrent: true })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function buildClass(
  db: Db,
  overrides: { schoolId: string; name?: string; levels?: ClassLevel[] },
) {
  const year = await currentSchoolYear(db)
  return db
    .insertInto('classes')
    .values({
      schoolId: overrides.schoolId,
      schoolYearId: year.id,
      name: overrides.name ?? `Classe ${next()}`,
      levels: overrides.levels ?? ['CE1'],
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function buildUser(
  db: Db,
  overrides: Partial<{
    firstName: string
    lastName: string
    login: string
    activated: boolean
    birthDate: string
  }> = {},
) {
  const n = next()
  const firstName = overrides.firstName ?? 'Camille'
  const lastName = overrides.lastName ?? `Test${n}`
  const activated = overrides.activated ?? true
  const user = await db
    .insertInto('users')
    .values({
      login: overrides.login ?? `camille.test${n}-${uniqueDigits(6)}`,
      firstName,
      lastName,
      displayName: displayName(firstName, lastName),
      birthDate: overrides.birthDate ?? null,
      passwordHash: activated ? await testPasswordHash() : null,
      activatedAt: activated ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  // An activated account accepted the charter in force when it was activated.
  if (activated)
    await db
      .insertInto('charterAcceptances')
      .values({ userId: user.id, version: CURRENT_CHARTER.version })
      .execute()
  return user
}

/** Makes `userId` a member of a school with `profile`, and of `classId` when given. */
export async function addMember(
  db: Db,
  input: { schoolId: string; userId: string; profile: Profile; director?: boolean; classId?: string },
) {
  await db
    .insertInto('memberships')
    .values({
      schoolId: input.schoolId,
      userId: input.userId,
      profile: input.profile,
      functions: input.director ? ['director'] : [],
    })
    .execute()
  if (input.classId) {
    const role = input.profile === 'pupil' ? 'pupil' : input.profile === 'teacher' ? 'teacher' : 'staff'
    await db
      .insertInto('classMembers')
      .values({ schoolId: input.schoolId, classId: input.classId, userId: input.userId, role })
      .execute()
  }
}

export async function linkFamily(db: Db, input: { schoolId: string; pupilId: string; parentId: string }) {
  await db.insertInto('familyLinks').values(input).execute()
}

export async function grantAdmin(
  db: Db,
  input: { userId: string; role: 'syndicate_admin' | 'collectivity_admin'; collectivityId?: string },
) {
  await db
    .insertInto('adminRoles')
    .values({ userId: input.userId, role: input.role, collectivityId: input.collectivityId ?? null })
    .execute()
}

/** Gives a not-yet-activated user an activation code (valid `days` days; negative: already expired). */
export async function issueActivationCode(db: Db, userId: string, code = 'abcd3456', days = 30) {
  await db
    .insertInto('activationCodes')
    .values({ userId, code, expiresAt: new Date(Date.now() + days * 86_400_000) })
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({ code, expiresAt: new Date(Date.now() + days * 86_400_000) }),
    )
    .execute()
  return code
}
