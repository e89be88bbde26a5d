import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Config } from './config.ts'

/**
 * Encryption of the few secrets the database must keep readable (TOTP seeds): AES-256-GCM under a key
 * from PREAU_SECRET_KEY, or generated once into `<data dir>/secret.key` (mode 0600) for a single node.
 * Several nodes must share PREAU_SECRET_KEY.
 */
export type SecretBox = {
  seal: (plain: string) => string
  open: (sealed: string) => string
}

const KEY_FILE = 'secret.key'

/**
 * The key in `<data dir>/secret.key` if that file exists (null otherwise); a file that does not hold
 * 32 bytes in base64 stops the start at once, naming it.
 */
export async function readSecretKeyFile(config: Pick<Config, 'dataDir'>): Promise<Buffer | null> {
  const file = path.join(config.dataDir, KEY_FILE)
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    // No file (or no data directory yet: the start names that problem itself).
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw new Error(
      `Impossible de lire la clé des secrets ${file} (${(error as NodeJS.ErrnoException).code}) : corrigez ses droits.`,
    )
  }
  const key = Buffer.from(text.trim(), 'base64')
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text.trim()) || key.length !== 32) {
    throw new Error(
      `Le fichier de clé des secrets ${file} est abîmé (32 octets en base64 attendus) : restaurez-le depuis une sauvegarde. Sans lui, les secrets chiffrés (seconds facteurs TOTP) sont illisibles.`,
    )
  }
  return key
}

export async function loadSecretKey(config: Pick<Config, 'secretKey' | 'dataDir'>): Promise<Buffer> {
  if (config.secretKey) return Buffer.from(config.secretKey, 'base64')
  const file = path.join(config.dataDir, KEY_FILE)
  const existing = await readSecretKeyFile(config)
  if (existing) return existing
  await fs.mkdir(config.dataDir, { recursive: true })
  const key = randomBytes(32)
  await fs
    .writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    .catch(async (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    })
  return (await readSecretKeyFile(config))!
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes')
  return {
    seal: (plain) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [
        'v1',
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.')
    },
    open: (sealed) => {
      const [version, iv, tag, body] = sealed.split('.')
      if (version !== 'v1' || !iv || !tag || body === undefined)
        throw new Error('Unknown sealed secret format')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      )
    },
  }
}
