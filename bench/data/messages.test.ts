import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { EXIT } from '../../src/cli/exit-codes.ts'
import { runCli } from '../../src/cli/main.ts'
import { findFeedPage } from '../../src/server/modules/feed/queries.ts'
import { findMailboxPage } from '../../src/server/modules/messaging/queries.ts'
import { createTestDatabase, type TestDatabase } from '../../src/server/testing/test-database.ts'
import { GenerationOptionsError, type GenerationSummary, generateDeployment } from './generate.ts'

/**
 * The messages of `generateDeployment({ messages })` are what Messagerie's send leaves behind: read here
 * through the app's own queries (a mailbox page, a feed page) and checked against its invariants.
 */
const PUPILS = 1_500
const MESSAGES = 4_000
const TODAY = new Date('2025-11-20T10:00:00Z')
const YEAR_START = new Date('2025-09-01T00:00:00Z')

async function rows<T extends pg.QueryResultRow>(client: pg.Client, query: string): Promise<T[]> {
  return (await client.query<T>(query)).rows
}

async function count(client: pg.Client, query: string): Promise<number> {
  const [row] = await rows<{ n: string }>(client, query)
  return Number(row?.n)
}

async function schemaSnapshot(client: pg.Client): Promise<string[]> {
  const found = await rows<{ line: string }>(
    client,
    `select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated as line
     from pg_constraint where connamespace = 'public'::regnamespace
     union all select indexdef from pg_indexes where schemaname = 'public'`,
  )
  return found.map((row) => row.line).sort()
}

describe('generateDeployment with messages', () => {
  let database: TestDatabase
  let client: pg.Client
  let summary: GenerationSummary
  let pristineSchema: string[]

  beforeAll(async () => {
    database = await createTestDatabase()
    client = new pg.Client({ connectionString: database.url })
    await client.connect()
    pristineSchema = await schemaSnapshot(client)
    summary = await generateDeployment(client, {
      pupils: PUPILS,
      seed: 3,
      // Any argon2id hash: nobody signs in here.
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
      today: TODAY,
      messages: MESSAGES,
    })
  })

  afterAll(async () => {
    await client?.end()
    await database?.drop()
  })

  it('writes the messages asked for, with the rows a send produces, and reports them', async () => {
    expect(summary.messages).toBe(MESSAGES)
    const counted = {
      messages: await count(client, 'select count(*) as n from messages'),
      mailboxEntries: await count(client, 'select count(*) as n from mailbox_entries'),
      feedItems: await count(client, 'select count(*) as n from feed_items'),
      feedDeliveries: await count(client, 'select count(*) as n from feed_deliveries'),
    }
    expect(counted).toEqual({
      messages: summary.rows.messages,
      mailboxEntries: summary.rows.mailboxEntries,
      feedItems: summary.rows.feedItems,
      feedDeliveries: summary.rows.feedDeliveries,
    })
    expect(counted.messages).toBe(MESSAGES)
    expect(counted.feedItems).toBe(MESSAGES)
    // The author's copy plus 1 to 3 recipients, 2 or 3 nearly always.
    expect(counted.mailboxEntries / MESSAGES).toBeGreaterThan(3)
    expect(counted.mailboxEntries / MESSAGES).toBeLessThan(4)
    expect(counted.feedDeliveries).toBe(counted.mailboxEntries - MESSAGES)
    // Every school writes, in proportion to its pupils.
    expect(await count(client, 'select count(distinct school_id) as n from messages')).toBe(summary.schools)
  })

  it('keeps every message within its school: author and recipients are members of it', async () => {
    expect(
      await count(
        client,
        `select count(*) as n from mailbox_entries e
         where not exists (select 1 from memberships m
           where m.school_id = e.school_id and m.user_id = e.user_id and m.left_at is null)`,
      ),
    ).toBe(0)
    // Parents write to the staff, never to other parents; pupils are not in this mail.
    expect(
      await count(
        client,
        `select count(*) as n from messages msg
         join memberships a on a.school_id = msg.school_id and a.user_id = msg.author_id
         join mailbox_entries e on e.school_id = msg.school_id and e.message_id = msg.id and e.role = 'to'
         join memberships r on r.school_id = e.school_id and r.user_id = e.user_id
         where (a.profile = 'parent' and r.profile = 'parent') or 'pupil' in (a.profile, r.profile)`,
      ),
    ).toBe(0)
  })

  it('gives each message its author’s read copy in « sent » and its recipients’ copies in their inbox, as named', async () => {
    const broken = await rows<{ id: string }>(
      client,
      `select m.id from messages m
       left join lateral (
         select count(*) filter (where e.role = 'author' and e.folder = 'sent' and e.user_id = m.author_id
                                   and e.read_at is not null) as authors,
                count(*) filter (where e.role = 'to' and e.folder = 'inbox' and e.user_id <> m.author_id) as recipients,
                array_agg(e.user_id::text order by e.user_id) filter (where e.role = 'to') as recipient_ids,
                bool_and(e.sent_at = m.sent_at) as same_time
         from mailbox_entries e where e.school_id = m.school_id and e.message_id = m.id) e on true
       where m.state <> 'sent' or e.authors <> 1 or e.recipients not between 1 and 3 or not e.same_time
          or e.recipient_ids <> (select array_agg(a->>'id' order by a->>'id') from jsonb_array_elements(m.addressees) a)
          or m.search is null`,
    )
    expect(broken).toEqual([])
  })

  it('dates the mail over the school year so far, with ids of their own time', async () => {
    const [range] = await rows<{ first: Date; last: Date }>(
      client,
      'select min(sent_at) as first, max(sent_at) as last from messages',
    )
    expect(range!.first.getTime()).toBeGreaterThanOrEqual(YEAR_START.getTime())
    expect(range!.first.getTime()).toBeLessThan(YEAR_START.getTime() + 7 * 86_400_000)
    expect(range!.last.getTime()).toBeLessThanOrEqual(TODAY.getTime())
    expect(range!.last.getTime()).toBeGreaterThan(TODAY.getTime() - 7 * 86_400_000)
    // A feed item's UUID v7 carries its message's sending time: « my feed » orders by it.
    expect(
      await count(
        client,
        `select count(*) as n from feed_items i join messages m on m.school_id = i.school_id and m.id = i.source_id
         where ('x' || substr(replace(i.id::text, '-', ''), 1, 12))::bit(48)::bigint
               <> (extract(epoch from m.sent_at) * 1000)::bigint
            or i.created_at <> m.sent_at or i.link <> '/messagerie/messages/' || m.id`,
      ),
    ).toBe(0)
    const read = await count(
      client,
      `select count(*) as n from mailbox_entries where role = 'to' and read_at is not null`,
    )
    const received = await count(client, `select count(*) as n from mailbox_entries where role = 'to'`)
    expect(read / received).toBeGreaterThan(0.6)
    expect(read / received).toBeLessThan(0.95)
  })

  it('leaves no unread delivery for the e-mail job: the mail of the past was notified at the time', async () => {
    const pending = await count(
      client,
      'select count(*) as n from feed_deliveries where read_at is null and notified_at is null',
    )
    expect(pending).toBe(0)
    expect(
      await count(client, 'select count(*) as n from feed_deliveries where read_at is null'),
    ).toBeGreaterThan(0)
  })

  it('serves the busiest inbox and feed through the app’s own page queries, newest first', async () => {
    const [busiest] = await rows<{ user_id: string; n: string }>(
      client,
      `select user_id, count(*) as n from mailbox_entries where folder = 'inbox'
       group by user_id order by count(*) desc limit 1`,
    )
    const userId = busiest!.user_id
    const page = await findMailboxPage(database.db, { userId, folder: 'inbox', limit: 30 })
    expect(page.length).toBe(Math.min(31, Number(busiest!.n)))
    const times = page.map((row) => row.sentAt.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(page.every((row) => row.role === 'to' && row.authorName && row.subject)).toBe(true)

    const feed = await findFeedPage(database.db, userId, { limit: 30 })
    expect(feed.length).toBe(Math.min(31, Number(busiest!.n)))
    expect(feed[0]!.link).toBe(`/messagerie/messages/${page[0]!.messageId}`)
    expect(feed.every((item) => item.app === 'messaging' && item.actor !== null)).toBe(true)
  })

  it('leaves the schema as the migrations made it, every constraint validated', async () => {
    expect(await schemaSnapshot(client)).toEqual(pristineSchema)
  })

  it('refuses messages without people, before writing anything', async () => {
    const other = await createTestDatabase()
    const otherClient = new pg.Client({ connectionString: other.url })
    await otherClient.connect()
    try {
      await expect(
        generateDeployment(otherClient, {
          pupils: 100,
          seed: 1,
          passwordHash: 'x',
          structuresOnly: true,
          messages: 10,
        }),
      ).rejects.toBeInstanceOf(GenerationOptionsError)
      expect(await count(otherClient, 'select count(*) as n from syndicate')).toBe(0)
    } finally {
      await otherClient.end()
      await other.drop()
    }
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const code = await runCli(['bench', 'data', '--pupils', '100', '--structures-only', '--messages', '10'])
      expect(code).toBe(EXIT.usage)
      expect(errors).toHaveBeenCalledWith(
        expect.stringContaining('--messages ne va pas avec --structures-only'),
      )
    } finally {
      errors.mockRestore()
    }
  })
})
