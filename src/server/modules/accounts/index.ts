import type { FastifyInstance } from 'fastify'
import { activationCodesRoutes } from './routes/activation-codes.ts'
import { connectionSheetsRoutes } from './routes/connection-sheets.ts'
import { familyLinksRoutes } from './routes/family-links.ts'
import { loginCardsRoutes } from './routes/login-cards.ts'
import { secondFactorResetRoutes } from './routes/second-factor.ts'
import { usersRoutes } from './routes/users.ts'

export { type CreatedAccount, createAccount, type NewAccount } from './account-creation.ts'
export { type IssuedCode, storeActivationCodes } from './activation-codes.ts'
/** The printed documents' helpers (standard fonts, WinAnsi text), shared with other modules' PDFs. */
export { A4, fittedLine, paragraph, renderPdf, toWinAnsi } from './pdf.ts'
export { accountsPolicies } from './policy.ts'

/**
 * The school's administration of accounts: its users (list, detail, creation, edits, family links,
 * removal), activation codes and connection sheets, a pupil's password reset by their teacher, and
 * class login cards with their public sign-in.
 */
export async function accountsModule(app: FastifyInstance): Promise<void> {
  await app.register(usersRoutes)
  await app.register(familyLinksRoutes)
  await app.register(activationCodesRoutes)
  await app.register(connectionSheetsRoutes)
  await app.register(loginCardsRoutes)
  await app.register(secondFactorResetRoutes)
}
