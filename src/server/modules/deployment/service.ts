import {
  CHARTER_VERSIONS,
  type CharterStatusResponse,
  CURRENT_CHARTER,
  type DeploymentIdentity,
  type DeploymentResponse,
} from '../../../contract/deployment.ts'
import type { Db } from '../../db/connection.ts'
import { fieldProblem } from '../../plugins/errors.ts'
import {
  findDeploymentIdentity,
  findLastCharterAcceptance,
  insertCharterAcceptance,
  saveDeploymentIdentity,
} from './queries.ts'

/** Before a deployment exists (an empty database), the legal pages still name the product. */
const UNNAMED = { name: 'Préau', address: null, dpoName: null, dpoEmail: null, dpoAddress: null }

export async function readDeployment(db: Db): Promise<DeploymentResponse> {
  const identity = (await findDeploymentIdentity(db)) ?? UNNAMED
  return { identity, charter: CURRENT_CHARTER }
}

/** Changes the syndicate's name, address and data-protection officer. */
export function changeDeploymentIdentity(db: Db, identity: DeploymentIdentity): Promise<void> {
  return saveDeploymentIdentity(db, identity)
}

export async function readCharterStatus(db: Db, userId: string): Promise<CharterStatusResponse> {
  const last = await findLastCharterAcceptance(db, userId)
  return {
    current: CURRENT_CHARTER,
    acceptedVersion: last?.version ?? null,
    acceptedAt: last ? last.acceptedAt.toISOString() : null,
    mustAccept: last?.version !== CURRENT_CHARTER.version,
  }
}

/**
 * `userId` accepts the charter in force. Only that version can be accepted: an older one, or one that
 * does not exist, is refused with the reason.
 */
export async function acceptCharter(db: Db, userId: string, version: string): Promise<void> {
  if (!CHARTER_VERSIONS.some((known) => known.version === version)) {
    throw fieldProblem('version', `La version « ${version} » de la charte n’existe pas.`)
  }
  if (version !== CURRENT_CHARTER.version) {
    throw fieldProblem(
      'version',
      `La version « ${version} » de la charte a été remplacée : acceptez la version en vigueur (${CURRENT_CHARTER.version}).`,
    )
  }
  await insertCharterAcceptance(db, userId, version)
}

/** At activation: the new account accepts the charter in force (same transaction as the activation). */
export function recordCurrentCharterAcceptance(db: Db, userId: string): Promise<void> {
  return insertCharterAcceptance(db, userId, CURRENT_CHARTER.version)
}

/** The lines that end every e-mail: who sends it and whom to ask about personal data. */
export async function mailFooter(db: Db): Promise<string | null> {
  const identity = await findDeploymentIdentity(db)
  if (!identity) return null
  const lines = [identity.name]
  if (identity.address) lines.push(identity.address.replace(/\s*\n\s*/g, ', '))
  if (identity.dpoEmail) lines.push(`Protection des données personnelles : ${identity.dpoEmail}`)
  return lines.join('\n')
}
