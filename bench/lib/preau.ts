import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { locateEmbeddedCluster } from '../../src/server/db/embedded/index.ts'
import type { GenerationSummary } from '../data/generate.ts'
import { type Child, findFreePort, spawnNode, stopChild, waitForHttp } from './processes.ts'

/** The checkout: every child runs from here. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI = path.join(ROOT, 'src', 'cli', 'main.ts')

/**
 * A throw-away data directory (never the default `data/`, which others use). `remove()` also deletes the
 * embedded cluster, which lives outside it under root (/var/lib/preau/clusters/<hash>).
 */
export type TempDataDir = { dir: string; remove: () => Promise<void> }

export async function createTempDataDir(label: string): Promise<TempDataDir> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `preau-bench-${label}-`))
  return {
    dir,
    remove: async () => {
      await stopOrphanPostgres(dir)
      const { clusterDir } = locateEmbeddedCluster(dir)
      if (!clusterDir.startsWith(dir)) await fs.rm(path.dirname(clusterDir), { recursive: true, force: true })
      await fs.rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * The environment of a Préau child: the embedded database of `dataDir` (DATABASE_URL removed), quiet
 * logs, and a rate limit too high to cap a benchmark.
 */
export function preauEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PREAU_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...extra,
  }
  delete env.DATABASE_URL
  return env
}

/** The Node flags `npm start` gives the server (package.json's start script): measured as it runs. */
const SERVE_NODE_FLAGS: string[] = (() => {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string }
  }
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'))
})()

/** `node [flags] src/cli/main.ts <args>` with `env`; `serve` gets the flags of `npm start` first. */
export function spawnPreau(args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Child {
  const flags = args[0] === 'serve' ? [...SERVE_NODE_FLAGS, ...nodeFlags] : nodeFlags
  return spawnNode([...flags, CLI, ...args], env, ROOT)
}

/**
 * Runs `preau bench data --pupils N --seed S [--structures-only] --json` on the database of `env` (a new
 * data directory), relaying its progress to `log`; its summary and the wall-clock seconds of the whole
 * process.
 */
export async function generateBenchData(
  env: NodeJS.ProcessEnv,
  options: { pupils: number; seed: number; structuresOnly?: boolean; messages?: number },
  log: (line: string) => void,
): Promise<{ summary: GenerationSummary; wallSeconds: number }> {
  const started = performance.now()
  const child = spawnPreau(
    [
      'bench',
      'data',
      '--pupils',
      String(options.pupils),
      '--seed',
      String(options.seed),
      ...(options.structuresOnly ? ['--structures-only'] : []),
      ...(options.messages ? ['--messages', String(options.messages)] : []),
      '--json',
    ],
    env,
  )
  let stdout = ''
  child.process.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
  })
  child.process.stderr?.on('data', (chunk: Buffer) => log(`  ${chunk.toString('utf8').trim()}`))
  const code = await new Promise<number | null>((resolve) => child.process.once('exit', resolve))
  const wallSeconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`preau bench data a échoué (code ${code}) :\n${child.output()}`)
  return { summary: JSON.parse(stdout) as GenerationSummary, wallSeconds }
}

/** Stops a `serve` child the way an operator would (SIGINT: drain, stop PostgreSQL). */
export async function stopPreau(child: Child, dataDir: string): Promise<void> {
  await stopChild(child)
  await stopOrphanPostgres(dataDir)
}

/** If a killed Préau left its embedded PostgreSQL running, stops it (fast shutdown). */
async function stopOrphanPostgres(dataDir: string): Promise<void> {
  const pidFile = path.join(locateEmbeddedCluster(dataDir).clusterDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10)
  const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  if (!Number.isInteger(pid) || !command.includes('postgres')) return
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 200 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 50))
}

/**
 * The generated region of a scenario: in `keptDir` when given (generated on the first run, reused by
 * the next ones with the same size and seed: the region takes minutes to generate), else in a
 * throw-away data directory.
 */
export async function regionDataDir(
  label: string,
  keptDir: string | undefined,
  options: { pupils: number; seed: number; messages?: number },
  port: number,
  log: (line: string) => void,
): Promise<{
  dir: string
  env: NodeJS.ProcessEnv
  summary: GenerationSummary
  wallSeconds: number
  remove: () => Promise<void>
}> {
  const data = keptDir
    ? { dir: path.resolve(keptDir), remove: async () => {} }
    : await createTempDataDir(label)
  const env = preauEnv(data.dir, { PORT: String(port) })
  const recordFile = path.join(data.dir, 'bench-region.json')
  type Record = {
    pupils: number
    seed: number
    messages?: number
    summary: GenerationSummary
    wallSeconds: number
  }
  const kept = keptDir
    ? await fs.readFile(recordFile, 'utf8').then(
        (text) => JSON.parse(text) as Record,
        () => null,
      )
    : null
  if (
    kept &&
    (kept.pupils !== options.pupils ||
      kept.seed !== options.seed ||
      (kept.messages ?? 0) !== (options.messages ?? 0))
  ) {
    throw new Error(
      `${data.dir} tient une région de ${kept.pupils} élèves (graine ${kept.seed}, ${kept.messages ?? 0} messages) : choisissez un autre dossier.`,
    )
  }
  if (kept) {
    log(`Région reprise de ${data.dir} (générée en ${kept.wallSeconds.toFixed(1)} s)`)
    return { ...data, env, summary: kept.summary, wallSeconds: kept.wallSeconds }
  }
  if (keptDir) await fs.mkdir(data.dir, { recursive: true })
  log(
    `Génération de ${options.pupils.toLocaleString('fr-FR')} élèves${options.messages ? ` et ${options.messages.toLocaleString('fr-FR')} messages` : ''} (graine ${options.seed})…`,
  )
  const { summary, wallSeconds } = await generateBenchData(env, options, log)
  if (keptDir) await fs.writeFile(recordFile, JSON.stringify({ ...options, summary, wallSeconds }))
  return { ...data, env, summary, wallSeconds }
}

/** Starts the HTTP reference (`bench/reference/bare-fastify.ts`) in its own process, once it answers. */
export async function startBareFastify(): Promise<{ child: Child; url: string }> {
  const port = await findFreePort()
  const child = spawnNode(
    [path.join(ROOT, 'bench/reference/bare-fastify.ts')],
    { ...process.env, PORT: String(port) },
    ROOT,
  )
  const url = `http://127.0.0.1:${port}/`
  await waitForHttp(url, child)
  return { child, url }
}
