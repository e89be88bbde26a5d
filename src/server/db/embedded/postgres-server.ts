import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import type { PostgresBinaries, RunAs } from './binaries.ts'

const execFileAsync = promisify(execFile)

export type PostgresServerOptions = {
  binaries: PostgresBinaries
  /** The cluster's data folder (PGDATA). */
  clusterDir: string
  /** Folder of the Unix socket: the server listens on no TCP port. */
  socketDir: string
  /** Set when running as root: PostgreSQL then runs as this account. */
  runAs: RunAs | null
  /** Extra `postgres -c name=value` settings. */
  settings?: Record<string, string>
  onLog?: (line: string) => void
  /** Called when a postmaster left by a killed Préau was found running on the cluster, and stopped. */
  onOrphanStopped?: (pid: number) => void
  /** Called when the postmaster, once ready, exits without `stop()` (killed, crashed). */
  onExit?: (exit: PostmasterExit) => void
}

/** How a running postmaster ended, with the last lines it wrote. */
export type PostmasterExit = { code: number | null; signal: NodeJS.Signals | null; lastLines: string[] }

const SUPERUSER = 'postgres'
const PORT = 5432

/**
 * A PostgreSQL server owned by this process: created with initdb on first use, listening on a private
 * Unix socket only (no port to collide with, nothing reachable from the network), stopped with a fast
 * shutdown. Local connections are trusted: the socket folder is readable by its owner alone.
 */
export class PostgresServer {
  private process: ChildProcess | null = null
  private stopping = false
  private readonly recentOutput: string[] = []
  private readonly options: PostgresServerOptions

  constructor(options: PostgresServerOptions) {
    this.options = options
  }

  /** A `postgresql://` URL to `database` through the socket. */
  connectionString(database: string): string {
    return `postgresql://${SUPERUSER}@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(this.options.socketDir)}&port=${PORT}`
  }

  get isInitialised(): boolean {
    return existsSync(path.join(this.options.clusterDir, 'PG_VERSION'))
  }

  /**
   * Creates the cluster when missing. initdb writes into a sibling staging folder renamed into place at
   * the end, so an interrupted first start leaves nothing half-made behind.
   */
  async initialise(): Promise<boolean> {
    const { clusterDir, binaries, runAs } = this.options
    if (this.isInitialised) {
      await this.checkMajorVersion()
      return false
    }
    const staging = `${clusterDir}.initdb-${process.pid}`
    await fs.rm(staging, { recursive: true, force: true })
    await fs.mkdir(path.dirname(clusterDir), { recursive: true })
    await fs.mkdir(staging, { mode: 0o700 })
    if (runAs) await fs.chown(staging, runAs.uid, runAs.gid)
    try {
      await execFileAsync(
        binaries.initdb,
        [
          `--pgdata=${staging}`,
          `--username=${SUPERUSER}`,
          '--auth=trust',
          '--encoding=UTF8',
          // ICU French collation: names sort as a French reader expects (É with E), whatever the OS locales.
          '--locale=C',
          '--locale-provider=icu',
          '--icu-locale=fr',
          '--no-instructions',
        ],
        { ...this.spawnIdentity(), env: { ...process.env, LC_ALL: 'C' } },
      )
    } catch (error) {
      await fs.rm(staging, { recursive: true, force: true })
      const stderr = (error as { stderr?: string }).stderr?.trim()
      if (/No space left on device/i.test(stderr ?? ''))
        throw new Error(
          `Plus de place sur le disque pour ${path.dirname(clusterDir)} : libérez de l'espace (ou choisissez un autre PREAU_DATA_DIR), puis relancez Préau.`,
        )
      throw new Error(`initdb a échoué dans ${clusterDir} : ${stderr || (error as Error).message}`)
    }
    await fs.rename(staging, clusterDir)
    return true
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    const { binaries, clusterDir, socketDir, runAs, settings = {} } = this.options
    this.stopping = false
    await this.stopOrphan()
    await fs.mkdir(socketDir, { recursive: true, mode: 0o700 })
    if (runAs) await fs.chown(socketDir, runAs.uid, runAs.gid)
    const args = [
      '-D',
      clusterDir,
      '-p',
      String(PORT),
      '-c',
      'listen_addresses=',
      '-c',
      `unix_socket_directories=${socketDir}`,
    ]
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`)
    const child = spawn(binaries.postgres, args, {
      ...this.spawnIdentity(),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C in the terminal reaches Préau, which drains requests before stopping it.
      detached: true,
      env: { ...process.env, LC_MESSAGES: 'C' },
    })
    this.process = child
    const remember = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue
        this.recentOutput.push(line)
        if (this.recentOutput.length > 20) this.recentOutput.shift()
        this.options.onLog?.(line)
      }
    }
    child.stdout?.on('data', remember)
    child.stderr?.on('data', remember)
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) => {
        this.process = null
        const reason = this.recentOutput.filter((line) => /FATAL|ERROR|PANIC/.test(line)).at(-1)
        reject(
          new Error(
            `PostgreSQL s'est arrêté au démarrage (code ${code ?? signal}) : ${reason ?? this.recentOutput.at(-1) ?? 'aucun message'}`,
          ),
        )
      })
    })
    exited.catch(() => {})
    await Promise.race([this.waitUntilReady(30_000), exited])
    // From now on an exit nobody asked for is a fault the owner must hear of (and may recover from).
    child.once('exit', (code, signal) => {
      if (this.stopping) return
      this.options.onExit?.({ code, signal, lastLines: [...this.recentOutput] })
    })
  }

  /** Fast shutdown (SIGINT): active transactions roll back, the cluster is left clean. */
  async stop(): Promise<void> {
    this.stopping = true
    const child = this.process
    if (!child || child.exitCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGINT')
    const timer = setTimeout(() => child.kill('SIGQUIT'), 20_000)
    await exited
    clearTimeout(timer)
    this.process = null
  }

  /** The pid of the running postmaster, if this object started it. */
  get pid(): number | undefined {
    return this.process?.pid
  }

  private spawnIdentity(): { uid?: number; gid?: number } {
    const { runAs } = this.options
    return runAs ? { uid: runAs.uid, gid: runAs.gid } : {}
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const client = new pg.Client({ connectionString: this.connectionString('postgres') })
      client.on('error', () => {})
      try {
        await client.connect()
        await client.end()
        return
      } catch (error) {
        await client.end().catch(() => {})
        if (Date.now() > deadline)
          throw new Error(`PostgreSQL ne répond pas après ${timeoutMs / 1000} s`, { cause: error })
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }
  }

  /**
   * A postmaster left running by a Préau process that was killed (SIGKILL, power loss of the terminal)
   * still holds the cluster. The data-directory lock already proved its owner is gone, so stop it cleanly.
   */
  private async stopOrphan(): Promise<void> {
    const pidFile = path.join(this.options.clusterDir, 'postmaster.pid')
    let pid: number
    try {
      pid = Number.parseInt((await fs.readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10)
    } catch {
      return
    }
    if (!Number.isInteger(pid) || pid <= 0) return
    // The pid may have been reused by an unrelated process since: only signal a postgres.
    const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
    if (!command.includes('postgres')) return
    try {
      process.kill(pid, 'SIGINT')
    } catch {
      return // not running: PostgreSQL removes a stale pid file itself
    }
    this.options.onOrphanStopped?.(pid)
    const deadline = Date.now() + 20_000
    while (existsSync(pidFile) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
  }

  private async checkMajorVersion(): Promise<void> {
    const clusterMajor = (await fs.readFile(path.join(this.options.clusterDir, 'PG_VERSION'), 'utf8')).trim()
    const binaryMajor = this.options.binaries.version.split('.')[0]
    if (clusterMajor !== binaryMajor) {
      throw new Error(
        `La base de ${this.options.clusterDir} a été créée par PostgreSQL ${clusterMajor}, mais Préau embarque PostgreSQL ${binaryMajor} : exportez-la (pg_dump) puis réimportez-la, ou utilisez DATABASE_URL.`,
      )
    }
  }
}
