import { sql } from 'kysely'
import type {
  AdhesionBody,
  ContactBody,
  DeploymentStatus,
  DeploymentStatusBody,
  WithdrawalBody,
} from '../../../contract/members.ts'
import type { Db } from '../../db/connection.ts'

/**
 * The members module's SQL. It owns `members`, `member_contacts`, `school_deployments`,
 * `school_deployment_events` and `academic_assignments`; it reads `collectivities`, `schools`, `users`
 * and `memberships` (shared read models). Deployment rows carry `school_id` and are isolated by school,
 * but only administrators' consoles read them, across schools, through the owner handle.
 */

const memberColumns = [
  'c.id',
  'c.kind',
  'c.name',
  'c.siren',
  'c.inseeCode',
  'c.communeCodes',
  'm.adheredOn',
  'm.adhesionDeliberation',
  'm.adhesionDeliberationOn',
  'm.withdrawnOn',
  'm.withdrawalDeliberation',
  'm.withdrawalDeliberationOn',
  'm.population',
  'm.populationYear',
] as const

/** Collectivities (members or not yet) with their adhesion and school counts; `ids` null: all. */
export function findMembers(db: Db, ids: string[] | null) {
  let query = db
    .selectFrom('collectivities as c')
    .leftJoin('members as m', 'm.collectivityId', 'c.id')
    .select(memberColumns)
    .select((eb) => [
      eb
        .selectFrom('schools as s')
        .whereRef('s.collectivityId', '=', 'c.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('schools'),
      eb
        .selectFrom('schools as s')
        .innerJoin('schoolDeployments as d', 'd.schoolId', 's.id')
        .whereRef('s.collectivityId', '=', 'c.id')
        .where('d.status', '=', 'open')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('openSchools'),
    ])
    .orderBy('c.name')
    .orderBy('c.id')
  if (ids) query = query.where('c.id', 'in', ids.length > 0 ? ids : ['00000000-0000-0000-0000-000000000000'])
  return query.execute()
}
export type MemberRow = Awaited<ReturnType<typeof findMembers>>[number]

/** The collectivities whose schools count `userId` as a collectivity agent. */
export async function findAgentCollectivityIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships as ms')
    .innerJoin('schools as s', 's.id', 'ms.schoolId')
    .where('ms.userId', '=', userId)
    .where('ms.profile', '=', 'collectivity_agent')
    .where('ms.leftAt', 'is', null)
    .select('s.collectivityId')
    .distinct()
    .execute()
  return rows.map((row) => row.collectivityId)
}

export function findContacts(db: Db, collectivityId: string) {
  return db
    .selectFrom('memberContacts')
    .select(['id', 'name', 'role', 'email', 'phone'])
    .where('collectivityId', '=', collectivityId)
    .orderBy('name')
    .execute()
}

const schoolDeploymentColumns = [
  's.id',
  's.uai',
  's.name',
  's.kind',
  's.circonscription',
  'd.status',
  'd.requestedOn',
  'd.preparingOn',
  'd.openedOn',
  'd.closedOn',
] as const

/** A member's schools with their deployment status (null: never requested). */
export function findMemberSchools(db: Db, collectivityId: string) {
  return db
    .selectFrom('schools as s')
    .leftJoin('schoolDeployments as d', 'd.schoolId', 's.id')
    .select(schoolDeploymentColumns)
    .where('s.collectivityId', '=', collectivityId)
    .orderBy('s.name')
    .orderBy('s.id')
    .execute()
}

/** The history of the deployment of `schoolIds`, oldest first. */
export function findDeploymentEvents(db: Db, schoolIds: string[]) {
  if (schoolIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('schoolDeploymentEvents')
    .select(['schoolId', 'status', 'effectiveOn', 'note', 'recordedAt'])
    .where('schoolId', 'in', schoolIds)
    .orderBy('schoolId')
    .orderBy('id')
    .execute()
}

export async function upsertAdhesion(db: Db, collectivityId: string, body: AdhesionBody): Promise<void> {
  const values = {
    adheredOn: body.adheredOn,
    adhesionDeliberation: body.deliberation.reference,
    adhesionDeliberationOn: body.deliberation.date,
    population: body.population,
    populationYear: body.populationYear,
  }
  await db
    .insertInto('members')
    .values({ collectivityId, ...values })
    .onConflict((conflict) =>
      conflict.column('collectivityId').doUpdateSet({ ...values, updatedAt: sql`now()` }),
    )
    .execute()
}

export function findAdhesion(db: Db, collectivityId: string) {
  return db.selectFrom('members').selectAll().where('collectivityId', '=', collectivityId).executeTakeFirst()
}

export async function updateWithdrawal(
  db: Db,
  collectivityId: string,
  body: WithdrawalBody | null,
): Promise<void> {
  await db
    .updateTable('members')
    .set({
      withdrawnOn: body?.withdrawnOn ?? null,
      withdrawalDeliberation: body?.deliberation.reference ?? null,
      withdrawalDeliberationOn: body?.deliberation.date ?? null,
      updatedAt: sql`now()`,
    })
    .where('collectivityId', '=', collectivityId)
    .execute()
}

export function insertContact(db: Db, collectivityId: string, body: ContactBody) {
  return db
    .insertInto('memberContacts')
    .values({ collectivityId, ...body })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function deleteContact(db: Db, collectivityId: string, contactId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('memberContacts')
    .where('collectivityId', '=', collectivityId)
    .where('id', '=', contactId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

const DATE_COLUMN: Record<DeploymentStatus, 'requestedOn' | 'preparingOn' | 'openedOn' | 'closedOn'> = {
  requested: 'requestedOn',
  preparing: 'preparingOn',
  open: 'openedOn',
  closed: 'closedOn',
}

export function findDeployment(db: Db, schoolId: string) {
  return db.selectFrom('schoolDeployments').selectAll().where('schoolId', '=', schoolId).executeTakeFirst()
}

/** The school's current status and the date it took effect, and one more line of its history. */
export async function recordDeploymentStatus(
  db: Db,
  schoolId: string,
  body: DeploymentStatusBody,
  recordedBy: string | null,
): Promise<void> {
  const dateColumn = DATE_COLUMN[body.status]
  await db
    .insertInto('schoolDeployments')
    .values({ schoolId, status: body.status, [dateColumn]: body.effectiveOn })
    .onConflict((conflict) =>
      conflict
        .column('schoolId')
        .doUpdateSet({ status: body.status, [dateColumn]: body.effectiveOn, updatedAt: sql`now()` }),
    )
    .execute()
  await db
    .insertInto('schoolDeploymentEvents')
    .values({ schoolId, status: body.status, effectiveOn: body.effectiveOn, note: body.note, recordedBy })
    .execute()
}

export function findSchoolCollectivity(db: Db, schoolId: string) {
  return db
    .selectFrom('schools')
    .select(['collectivityId', 'uai'])
    .where('id', '=', schoolId)
    .executeTakeFirst()
}

export function findAssignments(db: Db) {
  return db
    .selectFrom('academicAssignments as a')
    .innerJoin('users as u', 'u.id', 'a.userId')
    .select(['a.id', 'a.userId', 'u.displayName', 'u.login', 'a.circonscription', 'a.role'])
    .orderBy('a.circonscription')
    .orderBy('u.displayName')
    .execute()
}

export async function findKnownCirconscriptions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('schools')
    .select('circonscription')
    .distinct()
    .where('circonscription', 'is not', null)
    .orderBy('circonscription')
    .execute()
  return rows.map((row) => row.circonscription as string)
}

/** People holding the academic profile in a school (current membership). */
export function findAcademics(db: Db) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.displayName', 'u.login'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('memberships as ms')
          .whereRef('ms.userId', '=', 'u.id')
          .where('ms.profile', '=', 'academic')
          .where('ms.leftAt', 'is', null),
      ),
    )
    .orderBy('u.displayName')
    .limit(500)
    .execute()
}

export async function isAcademic(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('userId')
    .where('userId', '=', userId)
    .where('profile', '=', 'academic')
    .where('leftAt', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}

export function insertAssignment(
  db: Db,
  values: {
    userId: string
    circonscription: string
    role: 'ien' | 'digital_adviser' | 'educational_adviser'
  },
) {
  return db
    .insertInto('academicAssignments')
    .values(values)
    .onConflict((conflict) => conflict.columns(['userId', 'circonscription']).doNothing())
    .returning('id')
    .executeTakeFirst()
}

export function deleteAssignment(db: Db, assignmentId: string) {
  return db
    .deleteFrom('academicAssignments')
    .where('id', '=', assignmentId)
    .returning(['userId', 'circonscription'])
    .executeTakeFirst()
}

/** The schools of the actor's circonscriptions with their deployment: nothing about people. */
export function findCirconscriptionSchools(db: Db, userId: string) {
  return db
    .selectFrom('academicAssignments as a')
    .innerJoin('schools as s', 's.circonscription', 'a.circonscription')
    .innerJoin('collectivities as c', 'c.id', 's.collectivityId')
    .leftJoin('schoolDeployments as d', 'd.schoolId', 's.id')
    .select(['a.circonscription as circonscriptionName', 'a.role', 'c.name as commune'])
    .select(schoolDeploymentColumns)
    .where('a.userId', '=', userId)
    .orderBy('a.circonscription')
    .orderBy('s.name')
    .execute()
}

export function findAssignmentsOf(db: Db, userId: string) {
  return db
    .selectFrom('academicAssignments')
    .select(['circonscription', 'role'])
    .where('userId', '=', userId)
    .orderBy('circonscription')
    .execute()
}
