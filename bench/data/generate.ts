import { setImmediate as nextTurn } from 'node:timers/promises'
import type pg from 'pg'
import { luhnCheckDigit } from '../../src/contract/codes.ts'
import { schoolYearOf } from '../../src/server/demo/demo-deployment.ts'
import { seededRandom } from '../../src/server/demo/names.ts'
import { restoreConstraints, suspendConstraints } from './constraints.ts'
import { type CopyTable, CopyWriter, copyArray, copyLines, copyText, NULL } from './copy-writer.ts'
import { generateMessages } from './messages.ts'
import { PeopleGenerator } from './people.ts'
import { buildPlan, type DeploymentPlan } from './plan.ts'
import { createUuidV7Generator } from './uuid.ts'

/**
 * A deployment at any scale, proportioned like the Hauts-de-France, written straight into PostgreSQL
 * with COPY in one transaction. Names, logins and structure depend only on the seed (ids are random).
 */
export const BENCH_PASSWORD = 'preau-bench'

/** The tables the people go into: their keys, indexes and foreign keys are rebuilt after the load. */
const PEOPLE_TABLES = ['users', 'memberships', 'class_members', 'family_links', 'admin_roles']
/** The tables a sent message fills (Messagerie and the news feed), suspended the same way. */
const MESSAGE_TABLES = ['messages', 'mailbox_entries', 'feed_items', 'feed_deliveries']
/** Rows are sent to PostgreSQL in batches of about this many bytes. */
const BATCH_BYTES = 4_000_000

export type GenerateOptions = {
  pupils: number
  seed: number
  /** An argon2id hash (of BENCH_PASSWORD) shared by every account. */
  passwordHash: string
  /** Decides the current school year; defaults to now. */
  today?: Date
  /**
   * Only the syndicate, the current school year, collectivities and schools: no class, no account — a
   * deployment as it stands before its first import of the year (the ONDE import benchmark fills it).
   */
  structuresOnly?: boolean
  /** Messages sent within the schools over the school year so far, written after the people. */
  messages?: number
  onProgress?: (progress: GenerationProgress) => void
}

export type GenerationPhase =
  | 'structures'
  | 'people'
  | 'constraints'
  | 'messages'
  | 'messageConstraints'
  | 'analyze'
type GenerationProgress = {
  phase: GenerationPhase
  pupilsDone: number
  rows: number
  step?: string
  messagesDone?: number
}

export type GenerationSummary = {
  pupils: number
  seed: number
  schools: number
  classes: number
  collectivities: number
  accounts: { total: number; pupils: number; parents: number; staff: number }
  messages: number
  rows: Record<CopyTable | 'structures', number> & { total: number }
  /** Wall-clock seconds of each phase and in all (from the first query to the end of ANALYZE). */
  seconds: Record<GenerationPhase, number> & { total: number }
  rowsPerSecond: number
}

/** Thrown when the database already holds a deployment: the generator only writes into an empty one. */
export class DeploymentExistsError extends Error {
  override name = 'DeploymentExistsError'
}

/** Thrown for options that contradict each other (messages without anyone to write them). */
export class GenerationOptionsError extends Error {
  override name = 'GenerationOptionsError'
}

/**
 * Generates and loads the deployment through `client` (a dedicated connection: the load is one
 * transaction, with `synchronous_commit` off), then runs ANALYZE. Refuses when a syndicate row exists.
 */
export async function generateDeployment(
  client: pg.ClientBase,
  options: GenerateOptions,
): Promise<GenerationSummary> {
  const report = options.onProgress ?? (() => {})
  const clock = new PhaseClock()
  const random = seededRandom(options.seed)
  const newId = createUuidV7Generator()
  const today = options.today ?? new Date()
  const year = schoolYearOf(today)
  const messageCount = options.messages ?? 0
  if (messageCount > 0 && options.structuresOnly)
    throw new GenerationOptionsError(
      'Des messages demandent des comptes pour les écrire : --messages ne va pas avec --structures-only.',
    )

  await client.query('begin')
  let people: PeopleGenerator
  let writer: CopyWriter
  let plan: DeploymentPlan
  let structureRows: number
  let messagesWriter: CopyWriter | null = null
  try {
    await client.query('set local synchronous_commit = off')
    // Index builds sort in memory instead of spilling to disk.
    await client.query(`set local maintenance_work_mem = '512MB'`)
    const { rows } = await client.query('select exists (select 1 from syndicate) as taken')
    if (rows[0]?.taken) {
      throw new DeploymentExistsError(
        'Cette base contient déjà un déploiement : le générateur ne remplit qu’une base vide (choisissez un autre PREAU_DATA_DIR).',
      )
    }

    report({ phase: 'structures', pupilsDone: 0, rows: 0 })
    plan = buildPlan(options.pupils, random, newId)
    structureRows = await copyStructures(client, plan, year, !options.structuresOnly)
    clock.end('structures')
    if (options.structuresOnly) {
      await client.query('commit')
      report({ phase: 'analyze', pupilsDone: 0, rows: structureRows })
      await client.query('analyze')
      clock.end('analyze')
      return {
        pupils: options.pupils,
        seed: options.seed,
        schools: plan.schoolCount,
        classes: 0,
        collectivities: plan.collectivities.length,
        accounts: { total: 0, pupils: 0, parents: 0, staff: 0 },
        messages: 0,
        rows: {
          structures: structureRows,
          users: 0,
          memberships: 0,
          classMembers: 0,
          familyLinks: 0,
          adminRoles: 0,
          messages: 0,
          mailboxEntries: 0,
          feedItems: 0,
          feedDeliveries: 0,
          total: structureRows,
        },
        seconds: clock.seconds(),
        rowsPerSecond: Math.round(structureRows / clock.total()),
      }
    }

    const suspended = await suspendConstraints(client, PEOPLE_TABLES)
    // memberships.search_key is copied from users by a trigger, row by row: off during the load, one
    // set-based update fills the column afterwards.
    await client.query('alter table memberships disable trigger memberships_search_key')
    await client.query('alter table memberships alter column search_key drop not null')
    people = new PeopleGenerator({
      random,
      newId,
      startYear: Number(year.label.slice(0, 4)),
      passwordHash: options.passwordHash,
      activatedAt: today,
    })
    writer = new CopyWriter(client)
    for (const collectivity of plan.collectivities) {
      people.startCollectivity()
      for (const school of collectivity.schools) {
        people.addSchool(school)
        if (people.batch.bytes >= BATCH_BYTES) await writer.send(people.takeBatch())
        report({ phase: 'people', pupilsDone: people.counts.pupils, rows: structureRows + sentRows(writer) })
        // Let the socket drain the batch in flight while the next one is built.
        await nextTurn()
      }
      people.addCollectivityAgent(collectivity)
    }
    for (const circonscription of plan.circonscriptions) people.addCirconscriptionStaff(circonscription)
    people.addSyndicateAdmin()
    await writer.send(people.takeBatch())
    await writer.drain()
    clock.end('people')

    const rowsLoaded = structureRows + sentRows(writer)
    report({
      phase: 'constraints',
      pupilsDone: options.pupils,
      rows: rowsLoaded,
      step: 'memberships.search_key',
    })
    await client.query(
      'update memberships m set search_key = u.search_key from users u where u.id = m.user_id',
    )
    await client.query('alter table memberships alter column search_key set not null')
    await client.query('alter table memberships enable trigger memberships_search_key')
    await restoreConstraints(client, suspended, (step) =>
      report({ phase: 'constraints', pupilsDone: options.pupils, rows: rowsLoaded, step }),
    )
    clock.end('constraints')
    if (messageCount > 0) {
      messagesWriter = await loadMessages(client, plan, {
        count: messageCount,
        random,
        from: new Date(`${year.startsOn}T06:00:00Z`),
        to: today,
        report: (progress) => report({ pupilsDone: options.pupils, ...progress }),
        clock,
      })
    }
    await client.query('commit')
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  }

  const rowsLoaded = structureRows + sentRows(writer) + (messagesWriter ? sentRows(messagesWriter) : 0)
  report({ phase: 'analyze', pupilsDone: options.pupils, rows: rowsLoaded })
  // Fresh statistics, so that the first queries on 1.5 million accounts get sensible plans; and vacuumed
  // (the rows are frozen already: it reads the visibility map), so that autovacuum does not take the
  // millions of inserted rows for work to do at the next start, in the middle of a measurement.
  await client.query('vacuum (analyze)')
  clock.end('analyze')

  const accounts = people.counts
  return {
    pupils: options.pupils,
    seed: options.seed,
    schools: plan.schoolCount,
    classes: plan.classCount,
    collectivities: plan.collectivities.length,
    accounts: { total: accounts.pupils + accounts.parents + accounts.staff, ...accounts },
    messages: messagesWriter?.counts.messages ?? 0,
    rows: {
      structures: structureRows,
      ...writer.counts,
      ...(messagesWriter
        ? {
            messages: messagesWriter.counts.messages,
            mailboxEntries: messagesWriter.counts.mailboxEntries,
            feedItems: messagesWriter.counts.feedItems,
            feedDeliveries: messagesWriter.counts.feedDeliveries,
          }
        : {}),
      total: rowsLoaded,
    },
    seconds: clock.seconds(),
    rowsPerSecond: Math.round(rowsLoaded / clock.total()),
  }
}

/**
 * The messages, inside the load's transaction, once the people's indexes are built (their rosters are
 * read back school by school). Their tables' keys, indexes (the GIN of the full-text search included) and
 * foreign keys are dropped first and rebuilt after. The generator owns the database (it refuses one that
 * holds a deployment), so it may also TRUNCATE these empty tables in this transaction: COPY … FREEZE then
 * writes rows already frozen and all-visible (no hint-bit rewrite or anti-wraparound vacuum of 20 million
 * messages later, index-only scans from the first query). With the foreign keys dropped no trigger fires
 * during the COPY, so `session_replication_role = replica` would gain nothing.
 */
async function loadMessages(
  client: pg.ClientBase,
  plan: DeploymentPlan,
  input: {
    count: number
    random: () => number
    from: Date
    to: Date
    report: (progress: Omit<GenerationProgress, 'pupilsDone'>) => void
    clock: PhaseClock
  },
): Promise<CopyWriter> {
  const suspended = await suspendConstraints(client, MESSAGE_TABLES)
  await client.query(`truncate ${MESSAGE_TABLES.join(', ')}`)
  const writer = new CopyWriter(client, { freeze: true })
  const base = sentRows(writer)
  input.report({ phase: 'messages', rows: base, messagesDone: 0 })
  await generateMessages(client, writer, plan, {
    count: input.count,
    random: input.random,
    from: input.from,
    to: input.to,
    onProgress: (messagesDone) => input.report({ phase: 'messages', rows: sentRows(writer), messagesDone }),
  })
  input.clock.end('messages')
  const rows = sentRows(writer)
  await restoreConstraints(client, suspended, (step) =>
    input.report({ phase: 'messageConstraints', rows, messagesDone: input.count, step }),
  )
  input.clock.end('messageConstraints')
  return writer
}

function sentRows(writer: CopyWriter): number {
  return Object.values(writer.counts).reduce((a, b) => a + b, 0)
}

/**
 * The syndicate, the current school year, collectivities, schools and (`withClasses`) classes. Returns
 * the row count.
 */
async function copyStructures(
  client: pg.ClientBase,
  plan: DeploymentPlan,
  year: { label: string; startsOn: string; endsOn: string },
  withClasses: boolean,
): Promise<number> {
  const syndicateSiren = `25590002${luhnCheckDigit('25590002')}`
  await client.query('insert into syndicate (name, siren) values ($1, $2)', [
    'Syndicat mixte Préau Numérique des Hauts-de-France',
    syndicateSiren,
  ])
  await client.query('update school_years set is_current = false where is_current')
  const { rows } = await client.query<{ id: string }>(
    `insert into school_years (label, starts_on, ends_on, is_current) values ($1, $2, $3, true)
     on conflict (label) do update set is_current = true returning id`,
    [year.label, year.startsOn, year.endsOn],
  )
  const yearId = rows[0]!.id
  const text = (value: string | null) => (value === null ? NULL : copyText(value))
  const collectivities: string[] = []
  const schools: string[] = []
  const classes: string[] = []
  for (const c of plan.collectivities) {
    collectivities.push(
      `${c.id}\t${c.kind}\t${text(c.name)}\t${c.siren}\t${text(c.inseeCode)}\t${copyArray(c.communeCodes)}\t${c.population}\n`,
    )
    for (const s of c.schools) {
      schools.push(
        `${s.id}\t${c.id}\t${s.uai}\t${text(s.name)}\t${s.kind}\t${s.inseeCode}\t${text(s.circonscription)}\t${text(s.rpi)}\n`,
      )
      if (!withClasses) continue
      for (const k of s.classes)
        classes.push(`${s.id}\t${k.id}\t${yearId}\t${text(k.name)}\t${copyArray(k.levels)}\n`)
    }
  }
  await copyLines(
    client,
    'collectivities (id, kind, name, siren, insee_code, commune_codes, population)',
    collectivities,
  )
  await copyLines(
    client,
    'schools (id, collectivity_id, uai, name, kind, insee_code, circonscription, rpi)',
    schools,
  )
  if (classes.length > 0)
    await copyLines(client, 'classes (school_id, id, school_year_id, name, levels)', classes)
  return 2 + collectivities.length + schools.length + classes.length
}

/** Wall-clock time of consecutive phases. */
class PhaseClock {
  private readonly started = performance.now()
  private last = this.started
  private readonly durations: Partial<Record<GenerationPhase, number>> = {}

  end(phase: GenerationPhase): void {
    const now = performance.now()
    this.durations[phase] = (now - this.last) / 1000
    this.last = now
  }

  total(): number {
    return (this.last - this.started) / 1000
  }

  seconds(): Record<GenerationPhase, number> & { total: number } {
    const round = (s: number) => Math.round(s * 100) / 100
    return {
      structures: round(this.durations.structures ?? 0),
      people: round(this.durations.people ?? 0),
      constraints: round(this.durations.constraints ?? 0),
      messages: round(this.durations.messages ?? 0),
      messageConstraints: round(this.durations.messageConstraints ?? 0),
      analyze: round(this.durations.analyze ?? 0),
      total: round(this.total()),
    }
  }
}
