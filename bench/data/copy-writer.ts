import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/**
 * Streams generated rows into PostgreSQL with `COPY … FROM STDIN` (text format), one batch of a few
 * megabytes at a time: memory stays flat whatever the scale, and while PostgreSQL ingests one batch the
 * generator builds the next (one core each on a two-core machine).
 */

/** The loaded tables and their COPY column lists, in an order that satisfies their foreign keys. */
export const COPY_TABLES = {
  users:
    'users (id, login, first_name, last_name, display_name, email, birth_date, password_hash, activated_at, charter_accepted_at)',
  memberships: 'memberships (school_id, user_id, profile, functions)',
  classMembers: 'class_members (school_id, class_id, user_id, role)',
  familyLinks: 'family_links (school_id, pupil_id, parent_id)',
  adminRoles: 'admin_roles (user_id, role, collectivity_id)',
  messages:
    'messages (school_id, id, author_id, subject, body_html, body_text, addressees, state, created_at, updated_at, sent_at)',
  mailboxEntries: 'mailbox_entries (school_id, message_id, user_id, role, folder, sent_at, read_at)',
  feedItems: 'feed_items (school_id, id, app, kind, actor_id, title, summary, link, source_id, created_at)',
  feedDeliveries: 'feed_deliveries (recipient_id, item_id, school_id, app, read_at, notified_at)',
} as const
export type CopyTable = keyof typeof COPY_TABLES

/** `NULL` in COPY's text format. */
export const NULL = '\\N'

/** Escapes a value for COPY's text format (backslash, tab, newline and carriage return are special). */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value
}

/** A PostgreSQL array literal of simple words (levels, functions, INSEE codes). */
export function copyArray(values: readonly string[]): string {
  return `{${values.join(',')}}`
}

/**
 * Rows waiting to be sent, encoded straight into one growing buffer per table: joining millions of small
 * template strings would cost more than generating them (V8 flattens every rope), and holding them as
 * strings keeps the garbage collector busy.
 */
export class RowBatch {
  readonly tables = new Map<CopyTable, { buffer: Buffer; length: number; rows: number }>()
  bytes = 0
  rows = 0

  add(table: CopyTable, line: string): void {
    let target = this.tables.get(table)
    if (!target) {
      target = { buffer: Buffer.allocUnsafe(1 << 20), length: 0, rows: 0 }
      this.tables.set(table, target)
    }
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (target.length + line.length * 3 > target.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(target.buffer.length * 2, target.length + line.length * 3))
      target.buffer.copy(grown, 0, 0, target.length)
      target.buffer = grown
    }
    const written = target.buffer.write(line, target.length)
    target.length += written
    target.rows++
    this.bytes += written
    this.rows++
  }

  /** The COPY text of `table`, or null when the batch has no row for it. */
  contentOf(table: CopyTable): { data: Buffer; rows: number } | null {
    const target = this.tables.get(table)
    return target?.rows ? { data: target.buffer.subarray(0, target.length), rows: target.rows } : null
  }
}

/** Sends batches through one client, keeping at most one batch in flight behind the one being built. */
export class CopyWriter {
  private inFlight: Promise<void> = Promise.resolve()
  private readonly client: pg.ClientBase
  /** `COPY … WITH (FREEZE)`: only for tables created or truncated earlier in the same transaction. */
  private readonly freeze: boolean
  /** Rows sent so far, per table. */
  readonly counts: Record<CopyTable, number> = {
    users: 0,
    memberships: 0,
    classMembers: 0,
    familyLinks: 0,
    adminRoles: 0,
    messages: 0,
    mailboxEntries: 0,
    feedItems: 0,
    feedDeliveries: 0,
  }

  constructor(client: pg.ClientBase, options: { freeze?: boolean } = {}) {
    this.client = client
    this.freeze = options.freeze ?? false
  }

  /** Waits for the previous batch, then starts sending `batch` without waiting for it. */
  async send(batch: RowBatch): Promise<void> {
    await this.inFlight
    this.inFlight = this.copyBatch(batch)
    // Observed by the next send() or drain(); without this an early failure would be "unhandled".
    this.inFlight.catch(() => {})
  }

  /** Resolves when every batch sent is in the table, or rejects with the first COPY error. */
  async drain(): Promise<void> {
    await this.inFlight
  }

  private async copyBatch(batch: RowBatch): Promise<void> {
    for (const table of Object.keys(COPY_TABLES) as CopyTable[]) {
      const content = batch.contentOf(table)
      if (!content) continue
      await copyData(this.client, COPY_TABLES[table], content.data, this.freeze)
      this.counts[table] += content.rows
    }
  }
}

/** One `COPY target FROM STDIN` of ready-made COPY text. */
export async function copyData(
  client: pg.ClientBase,
  target: string,
  data: Buffer,
  freeze = false,
): Promise<void> {
  const stream = client.query(copyFrom(`copy ${target} from stdin${freeze ? ' with (freeze)' : ''}`))
  await pipeline(Readable.from([data]), stream)
}

/** One `COPY target FROM STDIN` of a few text lines (small tables). */
export async function copyLines(client: pg.ClientBase, target: string, lines: string[]): Promise<void> {
  await copyData(client, target, Buffer.from(lines.join('')))
}
