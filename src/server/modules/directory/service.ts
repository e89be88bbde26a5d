import type { z } from 'zod'
import type { DirectoryPage, DirectoryQuery } from '../../../contract/directory.ts'
import type { Profile } from '../../../contract/structures.ts'
import { type Actor, isDirectorOf, membershipsIn } from '../../plugins/auth/actor.ts'
import { notFound } from '../../plugins/errors.ts'
import type { SchoolAccess } from '../../plugins/policy/define.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import type { AuditEvent } from '../audit/index.ts'
import type { KnownReach } from '../communication/index.ts'
import { foldName, startsAWord } from './name-key.ts'
import {
  findClassFamilies,
  findClassGroupSizes,
  findClassNames,
  findManualGroups,
  findProfileSizes,
} from './queries.ts'
import { byNameThenId, type Roster, type RosterEntry } from './roster.ts'

const PROFILE_PLURAL: Record<Profile, string> = {
  pupil: 'Élèves',
  parent: 'Parents',
  teacher: 'Enseignants',
  staff: 'Personnels',
  collectivity_agent: 'Agents de la collectivité',
  academic: 'Personnels académiques',
  guest: 'Invités',
}

function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url')
}

function decodeCursor(cursor: string | undefined): { key: string; id: string } | undefined {
  if (!cursor) return undefined
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string]
    return typeof key === 'string' && /^[0-9a-f-]{36}$/.test(id) ? { key, id } : undefined
  } catch {
    return undefined
  }
}

/** The first entry of `entries` (sorted) after the cursor: a binary search. */
function firstAfter(entries: readonly RosterEntry[], after: { key: string; id: string } | undefined): number {
  if (!after) return 0
  let low = 0
  let high = entries.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (byNameThenId(entries[middle]!, after) <= 0) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The directory: only the people the actor may reach, by the start of a word of their name, a page at
 * a time, with how many there are in all on the first page. Answered from the school's directory kept
 * in memory (`roster.ts`): no statement but the version's, whatever the school's size.
 */
export function searchDirectory(
  actor: Actor,
  reach: KnownReach,
  roster: Roster,
  query: z.infer<typeof DirectoryQuery>,
): DirectoryPage {
  const q = query.q ? foldName(query.q) : ''
  const after = decodeCursor(query.after)
  const reachable = reach.wholeSchool ? undefined : new Set(reach.users)
  const denied = reach.wholeSchool && reach.denied.length > 0 ? new Set(reach.denied) : undefined
  const keeps = (person: RosterEntry) =>
    person.id !== actor.userId &&
    (reachable ? reachable.has(person.id) : !denied?.has(person.id)) &&
    (!query.profile || person.profiles.includes(query.profile)) &&
    (!q || startsAWord(person.key, q))

  const page: RosterEntry[] = []
  let more = false
  // The next pages stop at the page's end; the first one goes on to count (a school: ~1,200 at most).
  let count = 0
  const { entries } = roster
  for (let at = firstAfter(entries, after); at < entries.length; at++) {
    const person = entries[at]!
    if (!keeps(person)) continue
    count++
    if (page.length < query.limit) page.push(person)
    else {
      more = true
      if (after) break
    }
  }
  const last = page.at(-1)
  return {
    people: page.map(({ id, displayName, profiles, isDirector, classes }) => ({
      id,
      displayName,
      profiles,
      isDirector,
      classes,
    })),
    nextAfter: more && last ? encodeCursor(last.key, last.id) : null,
    total: after ? null : { count, atLeast: false },
  }
}

/**
 * The groups the actor may write to. Whole-school groups are for the direction (the ministry's rule
 * after the 2024 hijacked accounts); a teacher has their classes' groups and the adults' groups; others
 * the manual groups they belong to. `sizes: false` (checking the groups a message names): the same
 * groups, their sizes left at 0, which spares counting every class's pupils and parents.
 */
export async function listGroups(scope: SchoolScope, actor: Actor, options: { sizes?: boolean } = {}) {
  const sizes = options.sizes ?? true
  const memberships = membershipsIn(actor, scope.schoolId)
  const isDirector = isDirectorOf(actor, scope.schoolId)
  const isTeacher = memberships.some((m) => m.profile === 'teacher')
  const isStaff = memberships.some((m) => m.profile === 'staff')
  const myClasses = new Set(memberships.flatMap((m) => (m.profile === 'teacher' ? m.classIds : [])))
  const groups: { id: string; name: string; kind: 'class' | 'school' | 'manual'; size: number }[] = []
  // Asked together: outside a transaction they run side by side on the pool (a message's save checks
  // its groups here before anything else); inside one they queue on its connection as before.
  const [classes, profiles, manual] = await Promise.all([
    isDirector || isTeacher ? (sizes ? findClassGroupSizes(scope) : findClassNames(scope)) : [],
    isDirector || isTeacher || isStaff ? findProfileSizes(scope) : [],
    findManualGroups(scope, isDirector || isTeacher ? undefined : actor.userId, sizes),
  ])
  if (isDirector || isTeacher) {
    for (const klass of classes) {
      if (!isDirector && !myClasses.has(klass.id)) continue
      groups.push(
        {
          id: `class:${klass.id}:pupil`,
          name: `Élèves de ${klass.name}`,
          kind: 'class',
          size: Number(klass.pupils),
        },
        {
          id: `class:${klass.id}:parent`,
          name: `Parents de ${klass.name}`,
          kind: 'class',
          size: Number(klass.parents),
        },
        {
          id: `class:${klass.id}:teacher`,
          name: `Enseignants de ${klass.name}`,
          kind: 'class',
          size: Number(klass.teachers),
        },
      )
    }
  }
  if (isDirector || isTeacher || isStaff) {
    for (const { profile, size } of profiles) {
      const isWholeSchool = profile === 'pupil' || profile === 'parent'
      if (isWholeSchool && !isDirector) continue
      if (profile === 'guest' || profile === 'academic' || profile === 'collectivity_agent') continue
      groups.push({
        id: `school:${profile}`,
        name: `${PROFILE_PLURAL[profile]} de l’école`,
        kind: 'school',
        size: Number(size),
      })
    }
  }
  for (const group of manual)
    groups.push({ id: group.id, name: group.name, kind: 'manual', size: Number(group.size) })
  return { groups }
}

/**
 * The pupils of a class and their parents, for its teachers and the director; anyone else, like a class
 * of another school, gets 404. The director's read of a class not theirs is audited (`audit`).
 */
export async function readClassFamilies(
  scope: SchoolScope,
  actor: Actor,
  access: SchoolAccess,
  classId: string,
  audit: (event: AuditEvent) => Promise<void>,
) {
  const teachesIt = access.memberships.some((m) => m.profile === 'teacher' && m.classIds.includes(classId))
  if (!teachesIt && !isDirectorOf(actor, scope.schoolId)) throw notFound('Classe introuvable.')
  const families = await findClassFamilies(scope, classId)
  if (!families) throw notFound('Classe introuvable.')
  if (!teachesIt) {
    await audit({
      action: 'read:class-families',
      schoolId: scope.schoolId,
      target: { type: 'class', id: classId },
    })
  }
  return families
}
