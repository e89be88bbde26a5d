import { LRUCache } from 'lru-cache'

/**
 * A person's answers that are asked again and again — the feed's first page and unread counts, the
 * inbox's first page and folder counts, which every page of the web shows — kept as the JSON sent, so
 * a reload costs neither a query nor serialisation (ADR 0010). Variants are named by their module
 * (`feed:…`, `messaging:…`); any change for a person forgets all of theirs.
 *
 * They are forgotten when a real-time notice names the person: every change of a feed delivery or of
 * a mailbox tells the people concerned through NOTIFY (`publishFeedItem`, `withdrawFeedItems`, marking
 * read, a person's own changes to their mailbox), which every instance hears; the instance that made
 * the change also forgets at once, so its next answer already shows it. What tells nobody — an author
 * renamed, two accounts merged, old rows purged — shows at most `TTL_MS` late. While the listener is
 * down notices are lost, so answers are served from here only while it listens, and all are forgotten
 * when it comes back.
 *
 * A read that started before a change and ends after it must not store what it read: `stamp()` is
 * taken before the query, and `set` refuses the answer if the person was forgotten since.
 *
 * One cache per process (the publishing code runs in a caller's transaction, away from any instance):
 * several apps in one process (tests) share it, keyed by person ids that no two databases share.
 */
const TTL_MS = 30_000
/** How long a generation of « forgotten at » lasts; an entry lives one to two of them. */
const GENERATION_MS = 2 * TTL_MS
/** People per generation (250,000 forgotten within a minute: the generation ends early). */
const MAX_FORGOTTEN = 250_000

export class PersonAnswers {
  #answers = new LRUCache<string, Map<string, Buffer>>({ max: 50_000, ttl: TTL_MS })
  #epoch = 0
  #clearedAt = 0
  // When each person was last forgotten, kept longer than any read of the feed, so a late read still
  // sees that it was overtaken: two generations of plain maps, each entry living one to two of them.
  // (A TTL cache's bookkeeping per entry cost more than the rest of a 700-recipient send's forgetting.)
  #forgotten = new Map<string, number>()
  #forgottenBefore = new Map<string, number>()
  #generationFrom = Date.now()

  /** Taken before reading the database; `set` refuses an answer overtaken by a change. */
  stamp(): number {
    return this.#epoch
  }

  get(userId: string, variant: string): Buffer | undefined {
    return this.#answers.get(userId)?.get(variant)
  }

  set(userId: string, variant: string, body: Buffer, stamp: number): void {
    const forgottenAt = this.#forgotten.get(userId) ?? this.#forgottenBefore.get(userId) ?? 0
    if (this.#clearedAt > stamp || forgottenAt > stamp) return
    let answers = this.#answers.get(userId)
    if (!answers) {
      answers = new Map()
      this.#answers.set(userId, answers)
    }
    answers.set(variant, body)
  }

  forget(userIds: Iterable<string>): void {
    const at = ++this.#epoch
    this.#startGenerationIfDue()
    for (const userId of userIds) {
      this.#answers.delete(userId)
      this.#forgotten.set(userId, at)
    }
  }

  #startGenerationIfDue(): void {
    const now = Date.now()
    if (now - this.#generationFrom < GENERATION_MS && this.#forgotten.size < MAX_FORGOTTEN) return
    this.#forgottenBefore = this.#forgotten
    this.#forgotten = new Map()
    this.#generationFrom = now
  }

  clear(): void {
    this.#clearedAt = ++this.#epoch
    this.#answers.clear()
  }
}

export const personAnswers = new PersonAnswers()
