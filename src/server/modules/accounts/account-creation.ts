import type { CreateUserBody } from '../../../contract/accounts.ts'
import type { Profile } from '../../../contract/structures.ts'
import type { Db } from '../../db/connection.ts'
import type { UsersTable } from '../../db/schema.ts'
import { fieldProblem } from '../../plugins/errors.ts'
import { fromSchool, type SchoolScope } from '../../plugins/tenancy.ts'
import { displayName, firstFreeLogin, loginBase } from '../identity/index.ts'
import { type IssuedCode, storeActivationCodes } from './activation-codes.ts'

/**
 * Account creation by hand, one person at a time. The ONDE import creates people by the thousand with
 * set-based statements of its own (`imports/onde/apply.ts`), under the same login rules.
 */
export type NewAccount = Omit<CreateUserBody, 'profile'> & { profile: Profile }

export type CreatedAccount = { id: string; login: string; displayName: string } & IssuedCode

const CLASS_ROLE: Partial<Record<Profile, 'pupil' | 'teacher' | 'staff'>> = {
  pupil: 'pupil',
  teacher: 'teacher',
  staff: 'staff',
}

/** Homonyms checked per round; a name shared by more people than this takes a second round. */
const LOGINS_PER_ROUND = 20
const MAX_ROUNDS = 10

/**
 * Creates the account of a new person of the school: the user (login `prenom.nom`, unique even when
 * two creations race), their membership with `profile`, their class, their family links, and an
 * activation code valid `codeDays` days. `scope.db` must be a transaction: everything or nothing.
 * Throws a 400 problem naming the field when a class or a relative is not of the school.
 */
export async function createAccount(
  scope: SchoolScope,
  input: NewAccount,
  options: { codeDays: number },
): Promise<CreatedAccount> {
  if (!scope.db.isTransaction) throw new Error('createAccount must run inside a transaction')
  await checkReferences(scope, input)
  const user = await insertUserWithFreeLogin(scope.db, {
    firstName: input.firstName,
    lastName: input.lastName,
    displayName: displayName(input.firstName, input.lastName),
    birthDate: input.birthDate ?? null,
    email: input.profile === 'pupil' ? null : (input.email ?? null),
    phone: input.profile === 'pupil' ? null : (input.phone ?? null),
  })
  const { schoolId, db } = scope
  await db.insertInto('memberships').values({ schoolId, userId: user.id, profile: input.profile }).execute()
  const role = CLASS_ROLE[input.profile]
  if (input.classId && role) {
    await db
      .insertInto('classMembers')
      .values({ schoolId, classId: input.classId, userId: user.id, role })
      .execute()
  }
  const links = [
    ...(input.parentIds ?? []).map((parentId) => ({ schoolId, pupilId: user.id, parentId })),
    ...(input.childIds ?? []).map((pupilId) => ({ schoolId, pupilId, parentId: user.id })),
  ]
  if (links.length > 0)
    await db
      .insertInto('familyLinks')
      .values(links)
      .onConflict((oc) => oc.doNothing())
      .execute()
  const [code] = await storeActivationCodes(db, [user.id], options.codeDays)
  if (!code) throw new Error(`no activation code issued for ${user.id}`)
  return { ...user, ...code }
}

async function checkReferences(scope: SchoolScope, input: NewAccount): Promise<void> {
  if (input.classId) {
    const klass = await fromSchool(scope, 'classes')
      .select('id')
      .where('id', '=', input.classId)
      .where('archivedAt', 'is', null)
      .executeTakeFirst()
    if (!klass) throw fieldProblem('classId', 'Cette classe n’existe pas dans l’école.')
  }
  const relatives = [
    {
      field: 'parentIds',
      ids: input.parentIds ?? [],
      profile: 'parent',
      message: 'Ce parent n’est pas dans l’école.',
    },
    {
      field: 'childIds',
      ids: input.childIds ?? [],
      profile: 'pupil',
      message: 'Cet élève n’est pas dans l’école.',
    },
  ] as const
  for (const { field, ids, profile, message } of relatives) {
    const unique = [...new Set(ids)]
    if (unique.length === 0) continue
    const found = await fromSchool(scope, 'memberships')
      .select('userId')
      .where('profile', '=', profile)
      .where('leftAt', 'is', null)
      .where('userId', 'in', unique)
      .execute()
    if (found.length !== unique.length) throw fieldProblem(field, message)
  }
}

type NewUserRow = Pick<UsersTable, 'firstName' | 'lastName' | 'displayName' | 'email' | 'phone'> & {
  birthDate: string | null
}

/**
 * The first free login among `base`, `base2`, `base3`…, inserted with `on conflict do nothing`: when a
 * concurrent creation took it in between, nothing is inserted (and the transaction stays usable), so
 * the next round looks again and takes the next one.
 */
async function insertUserWithFreeLogin(
  db: Db,
  row: NewUserRow,
): Promise<{ id: string; login: string; displayName: string }> {
  const base = loginBase(row.firstName, row.lastName)
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const candidates = [base]
    for (let n = 2; n <= round * LOGINS_PER_ROUND; n++) candidates.push(`${base}${n}`)
    const taken = new Set(
      (await db.selectFrom('users').select('login').where('login', 'in', candidates).execute()).map(
        (r) => r.login,
      ),
    )
    const login = firstFreeLogin(base, (candidate) => taken.has(candidate))
    const inserted = await db
      .insertInto('users')
      .values({ ...row, login })
      .onConflict((oc) => oc.column('login').doNothing())
      .returning(['id', 'login', 'displayName'])
      .executeTakeFirst()
    if (inserted) return inserted
  }
  throw new Error(`no free login found for ${base}`)
}
