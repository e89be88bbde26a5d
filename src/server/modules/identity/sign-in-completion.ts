import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FirstFactor } from '../../plugins/auth/actor.ts'
import type { SessionProof } from '../../plugins/auth/session-store.ts'
import { newDeviceMail } from './mails.ts'
import { type AccountRow, findAccountById } from './queries.ts'
import { createChallenge, hashToken, rememberDevice } from './second-factor.queries.ts'
import { wantsNewDeviceAlert } from './sign-in.service.ts'

/**
 * The last steps of every sign-in path (password, second factor, activation, login card): open the
 * session, and warn staff by e-mail when the device is new to their account.
 */
const DEVICE_COOKIE = 'preau_device'
export const CHALLENGE_COOKIE = 'preau_challenge'

export async function completeSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  proof: SessionProof,
  knownAccount?: AccountRow,
): Promise<void> {
  const app = request.server
  await app.sessions.start(request, reply, userId, proof)
  const account = knownAccount ?? (await findAccountById(app.db, userId))
  if (!account || !wantsNewDeviceAlert(account)) return
  let device = request.cookies[DEVICE_COOKIE]
  if (!device || device.length < 32) {
    device = randomBytes(32).toString('base64url')
    reply.setCookie(DEVICE_COOKIE, device, {
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
  reply.setCookie(CHALLENGE_COOKIE, token, {
    path: '/api/auth',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.server.config.isSecure,
    maxAge: 10 * 60,
  })
}
