import type { Db } from '../../db/connection.ts'

export async function countExpiredExports(db: Db, now: Date): Promise<number> {
  const row = await db
    .selectFrom('dataExports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('expiresAt', '<', now)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
