import type { Db } from '../../db/connection.ts'
import { verifyAgainstDecoy, verifyPassword } from './passwords.ts'
import { findCredentialsByLogin } from './queries.ts'

/** Checks a login and password; returns the user id, or null for any failure (the caller says no more). */
export async function authenticate(db: Db, login: string, password: string): Promise<string | null> {
  const credentials = await findCredentialsByLogin(db, login.trim().toLowerCase())
  if (!credentials?.passwordHash) {
    await verifyAgainstDecoy(password)
    return null
  }
  return (await verifyPassword(credentials.passwordHash, password)) ? credentials.id : null
}
