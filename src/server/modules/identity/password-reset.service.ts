import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { passwordProblem } from '../../../contract/passwords.ts'
import type { Db } from '../../db/connection.ts'
import { fieldProblem, HttpProblem } from '../../plugins/errors.ts'
import { rulesForAccount } from './activation.service.ts'
import { passwordResetMail } from './mails.ts'
import { hashPassword } from './passwords.ts'
import { findAccountById, findAccountsForReset, revokeAllSessions } from './queries.ts'
import { hashToken } from './second-factor.queries.ts'
import { clearFailures } from './throttle.ts'

/**
 * Adults reset their password through a single-use link sent by e-mail, valid one hour. The request is
 * answered before anything is looked up (a job does the rest), so neither its answer nor its timing
 * tells whether an account exists.
 */
export const RESET_JOB = 'identity.password-reset'
const VALID_MINUTES = 60

export function definePasswordResetJob(app: FastifyInstance): void {
  app.jobs.define<{ loginOrEmail: string }>(RESET_JOB, async ({ loginOrEmail }) => {
    const accounts = await findAccountsForReset(app.db, loginOrEmail)
    for (const account of accounts.slice(0, 3)) {
      const token = randomBytes(32).toString('base64url')
      await app.db
        .insertInto('passwordResets')
        .values({
          tokenHash: hashToken(token),
          userId: account.id,
          expiresAt: sql`now() + make_interval(mins => ${VALID_MINUTES})`,
        })
        .execute()
      const link = `${app.config.publicUrl}/mot-de-passe/nouveau#jeton=${token}`
      await app.mail.queue(passwordResetMail(account.email!, account.firstName, link, VALID_MINUTES))
    }
  })
}

const expiredLink = () =>
  new HttpProblem(
    400,
    'invalid-reset-link',
    'Ce lien n’est plus valable : il a déjà servi ou il a expiré. Demandez-en un nouveau.',
  )

/** Sets the new password, spends the link, and closes every open session of the account. */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; passwordConfirmation: string },
) {
  const reset = await db
    .selectFrom('passwordResets')
    .select(['userId'])
    .where('tokenHash', '=', hashToken(input.token))
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .executeTakeFirst()
  const account = reset ? await findAccountById(db, reset.userId) : undefined
  if (!reset || !account) throw expiredLink()
  if (input.password !== input.passwordConfirmation) {
    throw fieldProblem('passwordConfirmation', 'Les deux mots de passe ne sont pas identiques.')
  }
  const problem = passwordProblem(input.password, rulesForAccount(account), account)
  if (problem) throw fieldProblem('password', problem)
  const passwordHash = await hashPassword(input.password)
  await db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable('passwordResets')
      .set({ usedAt: sql`now()` })
      .where('tokenHash', '=', hashToken(input.token))
      .where('usedAt', 'is', null)
      .executeTakeFirst()
    if (Number(spent.numUpdatedRows) !== 1) throw expiredLink()
    await trx
      .updateTable('users')
      .set({ passwordHash, updatedAt: sql`now()` })
      .where('id', '=', account.id)
      .execute()
    await trx
      .deleteFrom('passwordResets')
      .where('userId', '=', account.id)
      .where('usedAt', 'is', null)
      .execute()
    await revokeAllSessions(trx, account.id)
  })
  await clearFailures(db, account.login)
  return account.id
}
