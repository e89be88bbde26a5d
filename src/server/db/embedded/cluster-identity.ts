import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * Under root the cluster lives outside the data directory (`/var/lib/preau/clusters/<key>`), keyed by
 * the data directory's path. Path alone is no identity: delete `data/` to start afresh and the next
 * start would reuse the old database with a new `secret.key`. So the data directory and its cluster
 * each keep the same identity — `cluster-id` in the data directory, `data-dir.json` beside the cluster —
 * and a cluster whose data directory is new or another one is set aside, never reused silently.
 */

export const CLUSTERS_ROOT = '/var/lib/preau/clusters'
const DATA_DIR_FILE = 'cluster-id'
const CLUSTER_FILE = 'data-dir.json'

export type ClusterIdentity = { id: string; dataDir: string; createdAt: string }

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T
  } catch {
    return null
  }
}

/** The identity a cluster folder (`/var/lib/preau/clusters/<key>`) records, if any. */
export const readClusterIdentity = (clusterBase: string) =>
  readJson<ClusterIdentity>(path.join(clusterBase, CLUSTER_FILE))

/** The identity a data directory records, if any. */
export const readDataDirIdentity = (dataDir: string) =>
  readJson<ClusterIdentity>(path.join(dataDir, DATA_DIR_FILE))

export type IdentityCheck = {
  /** Set when an existing cluster was not this data directory's and was moved aside (to this folder). */
  setAside: string | null
  /** Writes the identity on both sides, once the cluster exists. */
  record: () => Promise<void>
}

/**
 * Checks, before it starts, that the cluster outside `dataDir` belongs to it. A cluster of another
 * identity, or one found for a data directory that has none and holds nothing (a new one), is renamed
 * `<key>.orphan-<date>` (listed and removed by `preau db clusters`). A data directory whose cluster is
 * gone is refused: creating an empty database in its place would hide the loss.
 */
export async function checkClusterIdentity(dataDir: string, clusterDir: string): Promise<IdentityCheck> {
  const base = path.dirname(clusterDir)
  const mine = await readDataDirIdentity(dataDir)
  const theirs = await readClusterIdentity(base)
  const clusterExists = existsSync(path.join(clusterDir, 'PG_VERSION'))
  let setAside: string | null = null
  if (clusterExists) {
    const isSame = mine && theirs ? mine.id === theirs.id : false
    // Clusters made before identities existed: adopted when the data directory has been used (it
    // holds more than the lock this start just took), set aside when it is new (deleted to start afresh).
    const isLegacyOfThisDir =
      !mine && !theirs && (await fs.readdir(dataDir)).some((name) => !name.startsWith('preau.lock'))
    if (!isSame && !isLegacyOfThisDir) {
      if (await isPostmasterRunning(clusterDir))
        throw new Error(
          `Une base PostgreSQL qui n'est pas celle de ce dossier de données tourne encore dans ${clusterDir} : arrêtez-la, puis relancez Préau.`,
        )
      setAside = `${base}.orphan-${new Date().toISOString().replace(/[:.]/g, '-')}`
      await fs.rename(base, setAside)
    }
  } else if (mine) {
    throw new Error(
      `La base PostgreSQL de ce dossier de données est introuvable (${clusterDir}) : restaurez-la depuis une sauvegarde, ou supprimez ${path.join(dataDir, DATA_DIR_FILE)} pour en créer une nouvelle, vide.`,
    )
  }
  return {
    setAside,
    record: async () => {
      const identity: ClusterIdentity = (!setAside && mine) ||
        (!setAside && theirs) || { id: randomUUID(), dataDir, createdAt: new Date().toISOString() }
      const current = { ...identity, dataDir }
      await fs.writeFile(path.join(base, CLUSTER_FILE), `${JSON.stringify(current)}\n`)
      await fs.writeFile(path.join(dataDir, DATA_DIR_FILE), `${JSON.stringify(current)}\n`)
    },
  }
}

export type ClusterEntry = {
  /** The cluster's folder under /var/lib/preau/clusters. */
  dir: string
  dataDir: string | null
  /** `unknown`: made before identities existed, its data directory cannot be told: never removed. */
  state: 'in-use' | 'orphan' | 'running' | 'unknown'
  /** Why an orphan is one. */
  reason: string | null
}

/** The clusters under /var/lib/preau/clusters and whether their data directory still knows them. */
export async function listClusters(root = CLUSTERS_ROOT): Promise<ClusterEntry[]> {
  const names = await fs.readdir(root).catch(() => [] as string[])
  const entries: ClusterEntry[] = []
  for (const name of names.sort()) {
    const dir = path.join(root, name)
    if (!(await fs.stat(dir).catch(() => null))?.isDirectory()) continue
    const identity = await readClusterIdentity(dir)
    const dataDir = identity?.dataDir ?? null
    let reason: string | null = null
    if (name.includes('.orphan-')) reason = 'mise de côté : son dossier de données était neuf ou un autre'
    else if (!identity) reason = null
    else if (!existsSync(identity.dataDir)) reason = 'son dossier de données n’existe plus'
    else if ((await readDataDirIdentity(identity.dataDir))?.id !== identity.id)
      reason = 'son dossier de données en utilise une autre'
    const running = await isPostmasterRunning(path.join(dir, 'postgres'))
    const state = running ? 'running' : reason ? 'orphan' : identity ? 'in-use' : 'unknown'
    entries.push({ dir, dataDir, state, reason })
  }
  return entries
}

async function isPostmasterRunning(clusterDir: string): Promise<boolean> {
  const pid = Number.parseInt(
    (await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0] ?? '',
    10,
  )
  if (!(pid > 0)) return false
  const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  return command.includes('postgres')
}
