import { sql } from 'kysely'
import type { Db } from '../../src/server/db/connection.ts'
import { fromSchool, type SchoolScope } from '../../src/server/plugins/tenancy.ts'
import { openSchoolScopeForTest } from '../../src/server/testing/school-scope.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { withScratchDatabase } from '../lib/scratch-database.ts'
import { median, ratio, round } from '../lib/stats.ts'

/**
 * The cost of the second line of tenancy (ADR 0007): the same school-filtered queries sent through the
 * unscoped handle (owner role, no row-level security: the reference) and through a school's scope (tenant
 * role, the policies applied), one after the other on one connection; then through the scope and the
 * unscoped handle in turn, so that every query pays a switch of role and school (the worst case: a
 * connection's consecutive users never agree). Medians over rounds of the time per query.
 */
export type TenancyOptions = { rounds: number; queries: number; schools: number; membersPerSchool: number }

type Mode = 'owner' | 'scope' | 'alternating'
type Kind = 'page' | 'point'
const MODES: Mode[] = ['owner', 'scope', 'alternating']
const KINDS: Kind[] = ['page', 'point']

export async function runTenancy(
  options: TenancyOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  return withScratchDatabase('tenancy', async (db) => {
    log(`${options.schools} écoles de ${options.membersPerSchool} membres…`)
    const school = await seed(db, options)
    const scope = openSchoolScopeForTest(db, school.id)
    const owner = db

    // The same SQL text both ways: the school filter written out (as `fromSchool` writes it).
    const query = (handle: Db | SchoolScope, kind: Kind) => {
      const from =
        'schoolId' in handle
          ? fromSchool(handle, 'memberships')
          : handle.selectFrom('memberships').where('memberships.schoolId', '=', school.id)
      return kind === 'page'
        ? from
            .select(['memberships.userId', 'memberships.searchKey'])
            .where('memberships.leftAt', 'is', null)
            .orderBy('memberships.searchKey')
            .orderBy('memberships.userId')
            .limit(30)
            .execute()
        : from.select('memberships.profile').where('memberships.userId', '=', school.userId).execute()
    }
    const run = async (mode: Mode, kind: Kind, count: number) => {
      for (let i = 0; i < count; i++) {
        const handle = mode === 'owner' ? owner : mode === 'scope' ? scope : i % 2 ? owner : scope
        await query(handle, kind)
      }
    }
    const check = await query(scope, 'page')
    if (check.length !== 30) throw new Error(`la page de l’école a ${check.length} lignes au lieu de 30`)

    // Modes take turns by small batches, so that a neighbour's burst on this shared machine weighs on
    // every mode alike; a mode's figure is the median of its batches' time per query.
    const batch = 50
    const batches = Math.max(1, Math.round(options.queries / batch))
    const perQuery: Record<string, number[]> = {}
    const roundRatios: Record<string, number[]> = {}
    for (let r = 1; r <= options.rounds; r++) {
      const roundTotals: Record<string, number> = {}
      for (const kind of KINDS) {
        for (const mode of MODES) await run(mode, kind, batch)
        for (let b = 0; b < batches; b++) {
          // Rotated so that no mode always runs first (warm caches, the previous mode's connection state).
          const order = [...MODES.slice(b % MODES.length), ...MODES.slice(0, b % MODES.length)]
          for (const mode of order) {
            const since = performance.now()
            await run(mode, kind, batch)
            const micros = ((performance.now() - since) * 1000) / batch
            const key = `${kind}/${mode}`
            perQuery[key] = [...(perQuery[key] ?? []), micros]
            roundTotals[key] = (roundTotals[key] ?? 0) + micros
          }
        }
        for (const mode of MODES) {
          const key = `${kind}/${mode}`
          const value = ratio(roundTotals[key] ?? Number.NaN, roundTotals[`${kind}/owner`] ?? Number.NaN)
          roundRatios[key] = [...(roundRatios[key] ?? []), value]
        }
      }
      log(
        `Tour ${r}/${options.rounds} : ${KINDS.map((kind) => MODES.map((mode) => `${kind}/${mode} ×${roundRatios[`${kind}/${mode}`]?.at(-1)}`).join(', ')).join(' ; ')}`,
      )
    }

    const medians = Object.fromEntries(
      Object.entries(perQuery).map(([key, values]) => [key, round(median(values), 1)]),
    )
    const label: Record<Mode, string> = {
      owner: 'app.db (propriétaire, sans RLS) — référence',
      scope: 'scope.db (rôle locataire, RLS)',
      alternating: 'scope.db et app.db en alternance (un changement par requête)',
    }
    const rows = KINDS.flatMap((kind) =>
      MODES.map((mode) => {
        const value = medians[`${kind}/${mode}`] ?? Number.NaN
        const reference = medians[`${kind}/owner`] ?? Number.NaN
        return [
          kind === 'page' ? 'page de 30 membres' : 'un membre (clé)',
          label[mode],
          value,
          median(roundRatios[`${kind}/${mode}`] ?? []),
          round(value - reference, 1),
        ]
      }),
    )
    return {
      tables: [
        {
          title: `Tenancy — ${options.rounds} tours de ${batches} lots de ${batch} requêtes par poignée, en alternance, une connexion`,
          columns: ['requête', 'poignée', 'µs/requête', 'ratio (médiane des tours)', 'écart (µs)'],
          rows,
          notes: [
            `${options.schools} écoles × ${options.membersPerSchool} membres ; même SQL (filtre school_id écrit) des deux côtés.`,
          ],
        },
      ],
      figures: { medians, roundRatios },
      targets: [
        {
          label: 'requête d’une école par son scope ≤ 1,15 × la même sur app.db (page de 30)',
          met: median(roundRatios['page/scope'] ?? []) <= 1.15,
          detail: `ratio ${median(roundRatios['page/scope'] ?? [])}`,
        },
      ],
    }
  })
}

/** Schools with their pupils, set-based; returns the school measured and one of its pupils. */
async function seed(db: Db, options: TenancyOptions): Promise<{ id: string; userId: string }> {
  await sql`
    insert into collectivities (kind, name, siren) values ('commune', 'Banc d’essai', '000000001');
    insert into schools (collectivity_id, uai, name, kind, insee_code)
      select (select id from collectivities), lpad(i::text, 7, '0') || 'A', 'École ' || i, 'primaire', '75056'
      from generate_series(1, ${sql.lit(options.schools)}) i;
    insert into users (login, first_name, last_name, display_name)
      select 'eleve.' || i, 'Prénom' || i, 'Nom' || (i % 997), 'Prénom' || i || ' Nom' || (i % 997)
      from generate_series(1, ${sql.lit(options.schools * options.membersPerSchool)}) i;
    insert into memberships (school_id, user_id, profile)
      select s.id, u.id, 'pupil'
      from (select id, row_number() over (order by id) - 1 as k from users) u
      join (select id, row_number() over (order by id) - 1 as k from schools) s
        on s.k = u.k % ${sql.lit(options.schools)};
    analyze;
  `.execute(db)
  const row = await db
    .selectFrom('memberships')
    .select(['schoolId', 'userId'])
    .orderBy('schoolId')
    .orderBy('userId')
    .limit(1)
    .executeTakeFirstOrThrow()
  return { id: row.schoolId, userId: row.userId }
}
