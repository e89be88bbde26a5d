import { sql } from 'kysely'
import type { Db } from '../../src/server/db/connection.ts'
import * as queries from '../../src/server/modules/contributions/queries.ts'
import { freezeAndCompute } from '../../src/server/modules/contributions/service.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { withScratchDatabase } from '../lib/scratch-database.ts'
import { median, ratio, round } from '../lib/stats.ts'

/**
 * The computation of a year's contributions at the region's scale: 300 members, 5,000 schools, 30,000
 * classes and `pupils` pupil accounts. Measured: the whole computation as the API runs it (freeze the
 * counts at the reference date in one INSERT … SELECT, read them back, apply the rule, write the lines),
 * each round in a transaction rolled back; the reference is the bare counting query alone (what any
 * computation has to read), measured in the same round.
 */
export type ContributionsOptions = { rounds: number; pupils: number; members: number; schools: number }

export async function runContributions(
  options: ContributionsOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  return withScratchDatabase('contributions', async (db) => {
    log(`${options.members} membres, ${options.schools} écoles, ${options.pupils} élèves…`)
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })
    const year = Number(today.slice(0, 4))
    const ruleId = await seed(db, options, today, year)
    const rule = await queries.findRule(db, ruleId)
    if (!rule) throw new Error('règle introuvable')

    // The counting query's plan, once, so that the figures below can be read against it.
    const plan = await sql<{ 'QUERY PLAN': string }>`
      explain (analyze, buffers) ${queries.countsQuery(today, year)}`.execute(db)
    for (const row of plan.rows) log(`  ${row['QUERY PLAN']}`)

    const computeMs: number[] = []
    const countMs: number[] = []
    const ratios: number[] = []
    let lines = 0
    for (let r = 0; r <= options.rounds; r++) {
      // The reference: the bare counting query, as any session runs it (default settings).
      let since = performance.now()
      const counts = (await sql`${queries.countsQuery(today, year)}`.execute(db)).rows
      const count = performance.now() - since
      since = performance.now()
      await db
        .transaction()
        .execute(async (trx) => {
          const result = await freezeAndCompute(trx, rule, null)
          lines = result.lines.length
          throw new RolledBack()
        })
        .catch((error) => {
          if (!(error instanceof RolledBack)) throw error
        })
      const compute = performance.now() - since
      if (counts.length !== options.members) throw new Error(`${counts.length} membres comptés`)
      if (r === 0) continue // warm-up
      countMs.push(count)
      computeMs.push(compute)
      ratios.push(ratio(compute, count))
      log(`Tour ${r}/${options.rounds} : calcul ${round(compute, 0)} ms, comptage seul ${round(count, 0)} ms`)
    }
    const computeMedian = round(median(computeMs), 0)
    return {
      tables: [
        {
          title: `Contributions — calcul d’une année, ${options.rounds} tours (transaction annulée à chaque tour)`,
          columns: ['mesure', 'ms (médiane)', 'ratio'],
          rows: [
            ['requête des effectifs nue (réglages par défaut) — référence', round(median(countMs), 0), 1],
            ['calcul complet (figer, lire, appliquer, écrire)', computeMedian, median(ratios)],
          ],
          notes: [
            `${options.members} membres (${lines} lignes), ${options.schools} écoles, ${options.schools * 6} classes, ${options.pupils} comptes élèves.`,
          ],
        },
      ],
      figures: { computeMs, countMs, ratios },
      targets: [
        {
          label: `calcul des contributions de ${options.members} membres < 2 s`,
          met: computeMedian < 2_000,
          detail: `${computeMedian} ms`,
        },
      ],
    }
  })
}

class RolledBack extends Error {}

/** The region, set-based; returns the adopted rule of the current year. */
async function seed(db: Db, options: ContributionsOptions, today: string, year: number): Promise<string> {
  const m = sql.lit(options.members)
  const s = sql.lit(options.schools)
  await sql`
    insert into collectivities (kind, name, siren, insee_code, population)
      select 'commune', 'Commune ' || i, lpad(i::text, 9, '0'), lpad(i::text, 5, '0'), 500 + i * 97
      from generate_series(1, ${m}) i;
    insert into members (collectivity_id, adhered_on, adhesion_deliberation, adhesion_deliberation_on,
                         population, population_year)
      select id, case when k % 10 = 0 then make_date(${sql.lit(year)}, 3, 15) else date '2019-09-01' end,
             '2019-12', date '2019-06-26', population, ${sql.lit(year - 3)}
      from (select id, population, row_number() over (order by id) as k from collectivities) c;
    insert into schools (collectivity_id, uai, name, kind, insee_code)
      select c.id, lpad(i::text, 7, '0') || 'A', 'École ' || i, 'primaire', '75056'
      from generate_series(1, ${s}) i
      join (select id, row_number() over (order by id) - 1 as k from collectivities) c on c.k = i % ${m};
    insert into school_years (label, starts_on, ends_on, is_current)
      values ('2098-2099', ${sql.lit(today)}::date - 100, ${sql.lit(today)}::date + 265, true);
    insert into classes (school_id, school_year_id, name, levels)
      select s.id, (select id from school_years), 'Classe ' || n, '{CE1}'
      from schools s, generate_series(1, 6) n;
    insert into users (login, first_name, last_name, display_name)
      select 'eleve.' || i, 'Prénom' || i, 'Nom' || (i % 997), 'Prénom' || i || ' Nom' || (i % 997)
      from generate_series(1, ${sql.lit(options.pupils)}) i;
    insert into memberships (school_id, user_id, profile)
      select s.id, u.id, 'pupil'
      from (select id, row_number() over (order by id) - 1 as k from users) u
      join (select id, row_number() over (order by id) - 1 as k from schools) s on s.k = u.k % ${s};
    analyze;
  `.execute(db)
  const { id } = await db
    .insertInto('contributionRules')
    .values({
      year,
      status: 'adopted',
      referenceOn: today,
      perMemberCents: 50_000,
      perSchoolCents: 20_000,
      perClassCents: 3_000,
      perPupilAccountCents: 150,
      perInhabitantCents: 5,
      floorCents: 100_000,
      capCents: 5_000_000,
      deliberation: `${year - 1}-24`,
      deliberationOn: `${year - 1}-12-09`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
