/**
 * `text` as a piece of a LIKE pattern that matches it literally: a searched `%` or `_` is a character,
 * not a wildcard. PostgreSQL's default escape character is `\`, escaped too; case folding and
 * `unaccent` leave all three as they are, so the result may be folded after.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&')
}
