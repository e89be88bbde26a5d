import { z } from 'zod'

/**
 * An instant, as the server holds it (a `Date`, from a `timestamptz` column) and as it travels (an ISO
 * 8601 string, `2026-09-01T07:30:00.000Z`).
 *
 * One schema describes both sides, so the web derives its types from the contract instead of copying
 * them: a zod codec whose input is the wire's string and whose output is the server's `Date`.
 * - The server: request schemas are decoded (string → Date) and response schemas encoded (Date →
 *   string) by fastify-type-provider-zod (`safeParse` / `safeEncode`), so handlers keep returning the
 *   rows' `Date`s; `z.infer` / `z.output` is the server's view. OpenAPI shows `string`, `date-time`.
 * - The web reads JSON, never decodes it: its types are the wire's, `z.input<typeof Schema>` (a
 *   string, formatted where it is shown).
 * A document the server keeps as JSON and returns as it is (the import report) holds the string
 * already: there the contract says `z.iso.datetime()`, the same on both sides.
 */
export const Timestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
})
