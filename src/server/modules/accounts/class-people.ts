import { sql } from 'kysely'
import type { SheetAudience } from '../../../contract/accounts.ts'
import { inSchool, type SchoolScope } from '../../plugins/tenancy.ts'
import { type IssuedCode, storeActivationCodes } from './activation-codes.ts'

/**
 * The people of a class a teacher hands accounts to: its current pupils, and their current parents,
 * each with the state of their activation. Ordered family by family (a pupil, then their parents not
 * listed yet) so that the sheets come out in the order they are handed out.
 */
export type ClassPerson = {
  id: string
  profile: 'pupil' | 'parent'
  login: string
  firstName: string
  lastName: string
  displayName: string
  email: string | null
  activatedAt: Date | null
  code: string | null
  codeExpiresAt: Date | null
  /** For a parent: their children in this class (display names). */
  children: string[]
}

type PersonRow = Omit<ClassPerson, 'profile' | 'children'> & { pupilId?: string }

const personColumns = sql`u.id, u.login, u.first_name, u.last_name, u.display_name, u.email, u.activated_at,
  ac.code, ac.expires_at as code_expires_at`

export async function findClassPeople(scope: SchoolScope, classId: string): Promise<ClassPerson[]> {
  const { rows: pupils } = await sql<PersonRow>`
    select ${personColumns}
    from class_members cm
    join memberships m on m.school_id = cm.school_id and m.user_id = cm.user_id
      and m.profile = 'pupil' and m.left_at is null
    join users u on u.id = cm.user_id and u.disabled_at is null
    left join activation_codes ac on ac.user_id = u.id
    where ${inSchool(scope, 'cm')} and cm.class_id = ${classId} and cm.role = 'pupil'
    order by u.search_key, u.id
  `.execute(scope.db)
  if (pupils.length === 0) return []
  const { rows: parents } = await sql<PersonRow & { pupilId: string }>`
    select f.pupil_id, ${personColumns}
    from family_links f
    join memberships m on m.school_id = f.school_id and m.user_id = f.parent_id
      and m.profile = 'parent' and m.left_at is null
    join users u on u.id = f.parent_id and u.disabled_at is null
    left join activation_codes ac on ac.user_id = u.id
    where ${inSchool(scope, 'f')} and f.pupil_id = any(${pupils.map((p) => p.id)}::uuid[])
    order by u.search_key, u.id
  `.execute(scope.db)
  const people: ClassPerson[] = []
  const listedParents = new Map<string, ClassPerson>()
  for (const pupil of pupils) {
    people.push({ ...pupil, profile: 'pupil', children: [] })
    for (const { pupilId, ...parent } of parents.filter((p) => p.pupilId === pupil.id)) {
      const listed = listedParents.get(parent.id)
      if (listed) {
        listed.children.push(pupil.displayName)
        continue
      }
      const person: ClassPerson = { ...parent, profile: 'parent', children: [pupil.displayName] }
      listedParents.set(parent.id, person)
      people.push(person)
    }
  }
  return people
}

export function isInAudience(person: ClassPerson, audience: SheetAudience): boolean {
  return (
    audience === 'all' || (audience === 'pupils' ? person.profile === 'pupil' : person.profile === 'parent')
  )
}

/** Not activated, with a code still valid: what a connection sheet prints. */
export function hasLiveCode(person: ClassPerson, now = Date.now()): boolean {
  return !person.activatedAt && person.code !== null && (person.codeExpiresAt?.getTime() ?? 0) > now
}

/**
 * Issues codes to the people of the class in `audience` who are not activated: to those without a
 * valid code (`missing`), or new codes to all of them (`all`, which makes printed sheets useless).
 */
export async function issueClassCodes(
  scope: SchoolScope,
  classId: string,
  options: { audience: SheetAudience; mode: 'missing' | 'all'; days: number },
): Promise<{ people: ClassPerson[]; issued: IssuedCode[] }> {
  const people = await findClassPeople(scope, classId)
  const targets = people.filter(
    (person) =>
      isInAudience(person, options.audience) &&
      !person.activatedAt &&
      (options.mode === 'all' || !hasLiveCode(person)),
  )
  const issued = await storeActivationCodes(
    scope.db,
    targets.map((person) => person.id),
    options.days,
  )
  const byId = new Map(issued.map((code) => [code.userId, code]))
  const updated = people.map((person) => {
    const code = byId.get(person.id)
    return code ? { ...person, code: code.code, codeExpiresAt: code.expiresAt } : person
  })
  return { people: updated, issued }
}
