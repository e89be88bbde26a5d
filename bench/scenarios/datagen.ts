import { createReadStream, createWriteStream } from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { loadConfig } from '../../src/server/config.ts'
import { openDatabase } from '../../src/server/db/open.ts'
import { COPY_TABLES } from '../data/copy-writer.ts'
import type { GenerationSummary } from '../data/generate.ts'
import { createTempDataDir, generateBenchData, preauEnv } from '../lib/preau.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { ratio, round } from '../lib/stats.ts'

/**
 * Runs `preau bench data` at a given scale into a new data directory, then, in the same cluster, times a
 * raw COPY of the same rows into bare tables of the same columns (no key, index, foreign key or check):
 * the speed of light the generator is compared with.
 */
export type DatagenOptions = { pupils: number; seed: number; messages?: number }

/** Region scale must load in under three minutes. */
const REGION_PUPILS = 600_000
const REGION_TARGET_S = 180

/** The big tables, whose rows the reference copies again. */
const REFERENCE_TABLES = [
  ['users', COPY_TABLES.users],
  ['memberships', COPY_TABLES.memberships],
  ['class_members', COPY_TABLES.classMembers],
  ['family_links', COPY_TABLES.familyLinks],
] as const
/** With `--messages`: the mail's tables, copied again too (`messages` with its generated tsvector). */
const MESSAGE_REFERENCE_TABLES = [
  ['messages', COPY_TABLES.messages],
  ['mailbox_entries', COPY_TABLES.mailboxEntries],
  ['feed_items', COPY_TABLES.feedItems],
  ['feed_deliveries', COPY_TABLES.feedDeliveries],
] as const

export async function runDatagen(
  options: DatagenOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const dataDir = await createTempDataDir('datagen')
  try {
    log(
      `Génération de ${options.pupils.toLocaleString('fr-FR')} élèves${options.messages ? ` et ${options.messages.toLocaleString('fr-FR')} messages` : ''} (graine ${options.seed})…`,
    )
    const env = preauEnv(dataDir.dir)
    const { summary, wallSeconds } = await generateBenchData(env, options, log)

    log('Référence : COPY brut des mêmes lignes dans des tables nues…')
    const reference = await timeRawCopy(dataDir.dir, env, REFERENCE_TABLES)
    const messageReference = options.messages
      ? await timeRawCopy(dataDir.dir, env, MESSAGE_REFERENCE_TABLES)
      : null
    const generatorRate = summary.rowsPerSecond
    const referenceRate = Math.round(reference.rows / reference.seconds)
    const isRegion = options.pupils >= REGION_PUPILS
    return {
      tables: [
        {
          title: `Génération de données — ${options.pupils.toLocaleString('fr-FR')} élèves`,
          columns: ['mesure', 'secondes', 'lignes', 'lignes/s', '÷ COPY brut'],
          rows: [
            [
              'preau bench data (processus entier)',
              round(wallSeconds),
              summary.rows.total,
              Math.round(summary.rows.total / wallSeconds),
              ratio(summary.rows.total / wallSeconds, referenceRate),
            ],
            [
              '  génération et chargement',
              summary.seconds.total,
              summary.rows.total,
              generatorRate,
              ratio(generatorRate, referenceRate),
            ],
            ['    COPY des comptes', summary.seconds.people, '', '', ''],
            ['    index et contraintes', summary.seconds.constraints, '', '', ''],
            ...(messageReference
              ? [
                  [
                    '    COPY des messages',
                    summary.seconds.messages,
                    messageRows(summary),
                    Math.round(messageRows(summary) / summary.seconds.messages),
                    ratio(
                      messageRows(summary) / summary.seconds.messages,
                      messageReference.rows / messageReference.seconds,
                    ),
                  ],
                  [
                    '    messages + leurs index et contraintes',
                    round(summary.seconds.messages + summary.seconds.messageConstraints),
                    messageRows(summary),
                    Math.round(
                      messageRows(summary) / (summary.seconds.messages + summary.seconds.messageConstraints),
                    ),
                    ratio(
                      messageRows(summary) / (summary.seconds.messages + summary.seconds.messageConstraints),
                      messageReference.rows / messageReference.seconds,
                    ),
                  ],
                ]
              : []),
            ['    ANALYZE', summary.seconds.analyze, '', '', ''],
            [
              'COPY brut, tables nues (référence)',
              round(reference.seconds),
              reference.rows,
              referenceRate,
              1,
            ],
            ...(messageReference
              ? [
                  [
                    'COPY brut des messages, tables nues (référence)',
                    round(messageReference.seconds),
                    messageReference.rows,
                    Math.round(messageReference.rows / messageReference.seconds),
                    1,
                  ],
                ]
              : []),
          ],
          notes: [
            `comptes : ${summary.accounts.total.toLocaleString('fr-FR')} (élèves ${summary.accounts.pupils.toLocaleString('fr-FR')}, parents ${summary.accounts.parents.toLocaleString('fr-FR')}, personnels ${summary.accounts.staff.toLocaleString('fr-FR')})`,
            `${summary.schools} écoles, ${summary.classes} classes, ${summary.collectivities} collectivités`,
            'référence : COPY des lignes users, memberships, class_members et family_links déjà générées, même grappe',
            ...(messageReference
              ? [
                  `messages : ${summary.messages.toLocaleString('fr-FR')} ; référence : COPY de leurs lignes messages (tsvector généré calculé), mailbox_entries, feed_items, feed_deliveries dans des tables nues ; ÷ COPY brut des messages rapporté à cette référence`,
                ]
              : []),
            ...(isRegion ? [`objectif : échelle régionale en moins de ${REGION_TARGET_S} s`] : []),
          ],
        },
      ],
      figures: {
        wallSeconds: round(wallSeconds, 2),
        summary,
        reference: { ...reference, rowsPerSecond: referenceRate },
        ...(messageReference
          ? {
              messageReference: {
                ...messageReference,
                rowsPerSecond: Math.round(messageReference.rows / messageReference.seconds),
              },
            }
          : {}),
      },
      targets: isRegion
        ? [
            {
              label: `région en moins de ${REGION_TARGET_S} s`,
              met: wallSeconds < REGION_TARGET_S,
              detail: `${round(wallSeconds)} s`,
            },
          ]
        : [],
    }
  } finally {
    await dataDir.remove()
  }
}

function messageRows(summary: GenerationSummary): number {
  const { messages, mailboxEntries, feedItems, feedDeliveries } = summary.rows
  return messages + mailboxEntries + feedItems + feedDeliveries
}

/**
 * Dumps the generated rows of the big tables to files (not timed), then times their COPY into bare copies
 * of the tables, in one transaction with `synchronous_commit` off like the generator.
 */
async function timeRawCopy(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  tables: readonly (readonly [string, string])[],
): Promise<{ seconds: number; rows: number }> {
  const database = await openDatabase(loadConfig(env))
  const client = new pg.Client({ connectionString: database.connectionString })
  await client.connect()
  try {
    const files: { table: string; columns: string; file: string }[] = []
    for (const [table, target] of tables) {
      const columns = target.slice(target.indexOf('('))
      const file = path.join(dataDir, `${table}.copy`)
      await pipeline(
        client.query(copyTo(`copy (select ${columns.slice(1, -1)} from ${table}) to stdout`)),
        createWriteStream(file),
      )
      // Generated columns (the messages' tsvector) are computed by the reference's COPY too.
      await client.query(
        `create table bench_reference_${table} (like ${table} including defaults including generated)`,
      )
      files.push({ table: `bench_reference_${table} ${columns}`, columns, file })
    }
    const started = performance.now()
    let rows = 0
    await client.query('begin')
    await client.query('set local synchronous_commit = off')
    for (const { table, file } of files) {
      const stream = client.query(copyFrom(`copy ${table} from stdin`))
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), stream)
      rows += stream.rowCount
    }
    await client.query('commit')
    const seconds = (performance.now() - started) / 1000
    for (const [table] of tables) await client.query(`drop table bench_reference_${table}`)
    return { seconds, rows }
  } finally {
    await client.end()
    await database.close()
  }
}
