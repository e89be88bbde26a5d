import type { Db } from '../../db/connection.ts'

/** The credentials of an active, activated account found by its login (or alias). */
export async function findCredentialsByLogin(db: Db, login: string) {
  return db
    .selectFrom('users')
    .select(['id', 'passwordHash'])
    .where((eb) => eb.or([eb('login', '=', login), eb('alias', '=', login)]))
    .where('disabledAt', 'is', null)
    .where('activatedAt', 'is not', null)
    .executeTakeFirst()
}
