import { sql } from 'kysely'
import type { Criteria, RuleBody } from '../../../contract/contributions.ts'
import type { DeliberationRef } from '../../../contract/members.ts'
import type { Db } from '../../db/connection.ts'
import type { ContributionResult, MemberCounts } from './compute.ts'

/**
 * The contributions module's SQL. It owns `contribution_rules`, `contribution_snapshots`,
 * `contribution_snapshot_counts`, `contribution_computations` and `contribution_lines`; it reads the
 * members module's `members` and the shared read models (`collectivities`, `schools`, `classes`,
 * `school_years`, `memberships`) to count, and `school_deployments` to leave closed schools out.
 */

export function findRules(db: Db) {
  return db
    .selectFrom('contributionRules as r')
    .leftJoin('contributionComputations as k', 'k.ruleId', 'r.id')
    .leftJoin('contributionSnapshots as s', 's.id', 'k.snapshotId')
    .selectAll('r')
    .select(['k.totalCents', 'k.computedAt', 's.takenAt as snapshotTakenAt', 'k.snapshotId'])
    .select((eb) =>
      eb
        .selectFrom('contributionLines as l')
        .whereRef('l.ruleId', '=', 'r.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('lineCount'),
    )
    .orderBy('r.year', 'desc')
    .orderBy('r.version', 'desc')
    .execute()
}
export type RuleRow = Awaited<ReturnType<typeof findRules>>[number]

export async function findRule(db: Db, ruleId: string): Promise<RuleRow | undefined> {
  return (await findRules(db)).find((rule) => rule.id === ruleId)
}

export function insertRule(db: Db, body: RuleBody, createdBy: string | null) {
  return db
    .insertInto('contributionRules')
    .values({ ...body, createdBy })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function updateDraft(db: Db, ruleId: string, body: RuleBody): Promise<boolean> {
  const result = await db
    .updateTable('contributionRules')
    .set(body)
    .where('id', '=', ruleId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deleteDraft(db: Db, ruleId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('contributionRules')
    .where('id', '=', ruleId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

export async function adoptDraft(db: Db, ruleId: string, deliberation: DeliberationRef): Promise<boolean> {
  const result = await db
    .updateTable('contributionRules')
    .set({
      status: 'adopted',
      deliberation: deliberation.reference,
      deliberationOn: deliberation.date,
      adoptedAt: sql`now()`,
    })
    .where('id', '=', ruleId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** The adopted rule `previousId` is superseded by a new adopted version carrying `criteria` and its reason. */
export async function insertRevision(
  db: Db,
  previous: { id: string; year: number; version: number },
  values: Criteria & { referenceOn: string; deliberation: DeliberationRef; reason: string },
  createdBy: string | null,
) {
  const superseded = await db
    .updateTable('contributionRules')
    .set({ status: 'superseded', supersededAt: sql`now()` })
    .where('id', '=', previous.id)
    .where('status', '=', 'adopted')
    .executeTakeFirst()
  if (superseded.numUpdatedRows === 0n) return null
  const { deliberation, ...rest } = values
  return db
    .insertInto('contributionRules')
    .values({
      ...rest,
      year: previous.year,
      version: previous.version + 1,
      status: 'adopted',
      deliberation: deliberation.reference,
      deliberationOn: deliberation.date,
      adoptedAt: sql`now()`,
      supersedes: previous.id,
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/**
 * Every member belonging on some day of `year`, with its counts at `referenceOn` (end of that day,
 * Paris time): its schools not closed by then, the classes of the school year holding that day not
 * archived by then, the pupil accounts opened in its schools and not left by then, its legal population.
 * Grouped once per table, not per member.
 */
export function countsQuery(referenceOn: string, year: number) {
  return sql`
    with ref as (
      select ${referenceOn}::date as day,
             ((${referenceOn}::date + 1)::timestamp at time zone 'Europe/Paris') as ends
    ),
    active as (
      select m.collectivity_id, m.adhered_on, m.withdrawn_on, m.population, m.population_year, c.name, c.siren
      from members m join collectivities c on c.id = m.collectivity_id
      where m.adhered_on < make_date(${year}::int + 1, 1, 1)
        and (m.withdrawn_on is null or m.withdrawn_on > make_date(${year}::int, 1, 1))
    ),
    counted_schools as (
      select s.id, s.collectivity_id
      from schools s
      join active a on a.collectivity_id = s.collectivity_id
      left join school_deployments d on d.school_id = s.id, ref
      where s.created_at < ref.ends and not coalesce(d.status = 'closed' and d.closed_on <= ref.day, false)
    ),
    school_counts as (
      select collectivity_id, count(*)::int as n from counted_schools group by collectivity_id
    ),
    class_counts as (
      select cs.collectivity_id, count(*)::int as n
      from classes k
      join counted_schools cs on cs.id = k.school_id
      join school_years y on y.id = k.school_year_id, ref
      where y.starts_on <= ref.day and y.ends_on >= ref.day
        and (k.archived_at is null or k.archived_at >= ref.ends)
      group by cs.collectivity_id
    ),
    pupil_counts as (
      select cs.collectivity_id, count(distinct ms.user_id)::int as n
      from memberships ms
      join counted_schools cs on cs.id = ms.school_id, ref
      where ms.profile = 'pupil' and ms.created_at < ref.ends and (ms.left_at is null or ms.left_at >= ref.ends)
      group by cs.collectivity_id
    )
    select a.collectivity_id, a.name, a.siren,
           coalesce(sc.n, 0) as schools, coalesce(cc.n, 0) as classes, coalesce(pc.n, 0) as pupil_accounts,
           a.population, a.population_year, a.adhered_on as joined_on, a.withdrawn_on as left_on
    from active a
    left join school_counts sc using (collectivity_id)
    left join class_counts cc using (collectivity_id)
    left join pupil_counts pc using (collectivity_id)
  `
}

export type CountsRow = MemberCounts & { siren: string; populationYear: number }

/** The live counts (a simulation: nothing frozen). */
export async function findLiveCounts(db: Db, referenceOn: string, year: number): Promise<CountsRow[]> {
  const { rows } = await sql<CountsRow>`${countsQuery(referenceOn, year)} order by a.name`.execute(db)
  return rows
}

/** Freezes the counts at `referenceOn` in one statement; returns the snapshot's id and its counts. */
export async function takeSnapshot(db: Db, referenceOn: string, year: number, takenBy: string | null) {
  const { id } = await db
    .insertInto('contributionSnapshots')
    .values({ referenceOn, takenBy })
    .returning('id')
    .executeTakeFirstOrThrow()
  await sql`
    insert into contribution_snapshot_counts (snapshot_id, collectivity_id, name, siren, schools, classes,
      pupil_accounts, population, population_year, joined_on, left_on)
    select ${id}::uuid, collectivity_id, name, siren, schools, classes, pupil_accounts, population,
      population_year, joined_on, left_on
    from (${countsQuery(referenceOn, year)}) counted
  `.execute(db)
  return id
}

export function findSnapshotCounts(db: Db, snapshotId: string): Promise<CountsRow[]> {
  return db
    .selectFrom('contributionSnapshotCounts')
    .select([
      'collectivityId',
      'name',
      'siren',
      'schools',
      'classes',
      'pupilAccounts',
      'population',
      'populationYear',
      'joinedOn',
      'leftOn',
    ])
    .where('snapshotId', '=', snapshotId)
    .orderBy('name')
    .execute()
}

/** A snapshot already frozen for another version of the same year at the same reference date. */
export async function findReusableSnapshot(db: Db, year: number, referenceOn: string) {
  const row = await db
    .selectFrom('contributionComputations as k')
    .innerJoin('contributionRules as r', 'r.id', 'k.ruleId')
    .innerJoin('contributionSnapshots as s', 's.id', 'k.snapshotId')
    .select('s.id')
    .where('r.year', '=', year)
    .where('s.referenceOn', '=', referenceOn)
    .orderBy('s.takenAt', 'desc')
    .executeTakeFirst()
  return row?.id ?? null
}

/** Replaces the rule's computation by `result` (lines in one multi-row insert). */
export async function saveComputation(
  db: Db,
  ruleId: string,
  snapshotId: string,
  result: ContributionResult,
  computedBy: string | null,
): Promise<void> {
  await db.deleteFrom('contributionLines').where('ruleId', '=', ruleId).execute()
  await db.deleteFrom('contributionComputations').where('ruleId', '=', ruleId).execute()
  await db
    .insertInto('contributionComputations')
    .values({ ruleId, snapshotId, totalCents: result.totalCents, computedBy })
    .execute()
  if (result.lines.length === 0) return
  await db
    .insertInto('contributionLines')
    .values(
      result.lines.map((line) => ({
        ruleId,
        collectivityId: line.collectivityId,
        name: line.name,
        amountCents: line.amountCents,
        days: line.days,
        daysInYear: line.daysInYear,
        breakdown: JSON.stringify(line.breakdown),
      })),
    )
    .execute()
}

export function findLines(db: Db, ruleId: string, snapshotId: string, memberId?: string) {
  let query = db
    .selectFrom('contributionLines as l')
    .innerJoin('contributionSnapshotCounts as c', (join) =>
      join.onRef('c.collectivityId', '=', 'l.collectivityId').on('c.snapshotId', '=', snapshotId),
    )
    .select([
      'l.collectivityId',
      'l.name',
      'l.amountCents',
      'l.days',
      'l.daysInYear',
      'l.breakdown',
      'c.siren',
      'c.schools',
      'c.classes',
      'c.pupilAccounts',
      'c.population',
      'c.populationYear',
      'c.joinedOn',
      'c.leftOn',
    ])
    .where('l.ruleId', '=', ruleId)
  if (memberId) query = query.where('l.collectivityId', '=', memberId)
  return query.orderBy('l.name').orderBy('l.collectivityId').execute()
}

/** The adopted, computed rules in which the member has a line, newest year first. */
export async function findMemberCallRuleIds(db: Db, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('contributionRules as r')
    .innerJoin('contributionLines as l', 'l.ruleId', 'r.id')
    .select('r.id')
    .where('l.collectivityId', '=', memberId)
    .where('r.status', '=', 'adopted')
    .orderBy('r.year', 'desc')
    .execute()
  return rows.map((row) => row.id)
}

/** Each member's amount in the adopted, computed rule of `year` (empty when there is none). */
export async function findAdoptedAmounts(db: Db, year: number) {
  const rows = await db
    .selectFrom('contributionRules as r')
    .innerJoin('contributionLines as l', 'l.ruleId', 'r.id')
    .select(['l.collectivityId', 'l.amountCents'])
    .where('r.year', '=', year)
    .where('r.status', '=', 'adopted')
    .execute()
  return new Map(rows.map((row) => [row.collectivityId, row.amountCents]))
}
