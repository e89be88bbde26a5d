import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config.ts'
import type { FirstFactor } from '../../plugins/auth/actor.ts'
import type { SessionProof } from '../../plugins/auth/session-store.ts'
import { recordSignIn } from '../statistics/index.ts'
import { newDeviceMail } from './mails.ts'
import { type AccountRow, findAccountById } from './queries.ts'
import { createChallenge, hashToken, rememberDevice } from './second-factor.queries.ts'
import { wantsNewDeviceAlert } from './sign-in.service.ts'

/**
 * The last steps of every sign-in path (password, second factor, activation, login card): open the
 * session, and warn staff by e-mail when the device is new to their account.
 */

/**
 * Over HTTPS the cookies carry a prefix the browser enforces: `__Host-` (Secure, path `/`, no domain)
 * for the device, `__Secure-` for the challenge (its path, `/api/auth`, rules out `__Host-`).
 */
const deviceCookieName = (config: Pick<Config, 'isSecure'>) =>
  config.isSecure ? '__Host-preau_device' : 'preau_device'

export function challengeCookieName(config: Pick<Config, 'isSecure'>): string {
  return config.isSecure ? '__Secure-preau_challenge' : 'preau_challenge'
}

const challengeCookieOptions = (config: Pick<Config, 'isSecure'>) =>
  ({ path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: config.isSecure }) as const

/** The challenge cookie of the request, if any. */
export function challengeOf(request: FastifyRequest): string | null {
  return request.cookies[challengeCookieName(request.server.config)] ?? null
}

/** Clears the challenge cookie, with the attributes it was set with (a prefixed cookie needs them). */
export function clearChallenge(request: FastifyRequest, reply: FastifyReply): void {
  const config = request.server.config
  reply.clearCookie(challengeCookieName(config), challengeCookieOptions(config))
}

export async function completeSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  proof: SessionProof,
  knownAccount?: AccountRow,
): Promise<void> {
  const app = request.server
  await app.sessions.start(request, reply, userId, proof)
  recordSignIn(request, userId)
  const account = knownAccount ?? (await findAccountById(app.db, userId))
  if (!account || !wantsNewDeviceAlert(account)) return
  const deviceCookie = deviceCookieName(app.config)
  let device = request.cookies[deviceCookie]
  if (!device || device.length < 32) {
    device = randomBytes(32).toString('base64url')
    reply.setCookie(deviceCookie, device, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.isSecure,
      maxAge: 400 * 24 * 3600,
    })
  }
  const userAgent = request.headers['user-agent'] ?? null
  const isNewDevice = await rememberDevice(app.db, userId, hashToken(device), userAgent)
  if (isNewDevice && account.email) {
    await app.mail.queue(
      newDeviceMail(account.email, `${account.firstName}`, userAgent ?? 'navigateur inconnu', new Date()),
    )
  }
}

/** Starts a second step: a short-lived challenge cookie that only the second-factor routes accept. */
export async function beginSecondFactor(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  firstFactor: FirstFactor,
): Promise<void> {
  const token = await createChallenge(request.server.db, userId, firstFactor)
  const config = request.server.config
  reply.setCookie(challengeCookieName(config), token, { ...challengeCookieOptions(config), maxAge: 10 * 60 })
}
