/** Keyset cursors over (search key, id), opaque to clients. */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url')
}

/** The position a cursor names, or undefined for a missing or tampered one (the first page then). */
export function decodeCursor(cursor: string | undefined): { key: string; id: string } | undefined {
  if (!cursor) return undefined
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown]
    return typeof key === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)
      ? { key, id }
      : undefined
  } catch {
    return undefined
  }
}
