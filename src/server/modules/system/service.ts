import type { Db } from '../../db/connection.ts'
import { latestMigrationName, MIGRATION_TABLE } from '../../db/migrator.ts'

export type Readiness = {
  status: 'ready' | 'not-ready'
  database: 'ok' | 'unreachable'
  migrations: 'current' | 'pending' | 'unknown'
}

/** One query answers both questions: the server answers, and it has applied our last migration. */
export async function checkReadiness(db: Db): Promise<Readiness> {
  try {
    const row = await db
      .selectFrom(MIGRATION_TABLE as never)
      .select((eb) => eb.fn.max<string>('name' as never).as('latest'))
      .executeTakeFirst()
    const current = row?.latest !== undefined && row.latest >= latestMigrationName
    return {
      status: current ? 'ready' : 'not-ready',
      database: 'ok',
      migrations: current ? 'current' : 'pending',
    }
  } catch (error) {
    const undefinedTable = (error as { code?: string }).code === '42P01'
    return {
      status: 'not-ready',
      database: undefinedTable ? 'ok' : 'unreachable',
      migrations: undefinedTable ? 'pending' : 'unknown',
    }
  }
}
