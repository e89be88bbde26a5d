import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { locateEmbeddedCluster } from '../server/db/embedded/index.ts'
import { PROJECT_ROOT } from '../server/project.ts'
import { adminQuery, databaseUrl } from '../server/testing/global-setup.ts'
import { PREAU_BIN, runPreau } from './testing/run-preau.ts'

/** Runs `preau …` to completion with only the given environment (plus PATH). */
const preau = runPreau

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function emptyDatabase(): Promise<string> {
  const { adminUrl } = inject('testDatabase')
  const name = `preau_cli_${Math.random().toString(36).slice(2, 10)}`
  await adminQuery(adminUrl, `create database ${name}`)
  return databaseUrl(adminUrl, name)
}

// Each case starts the command as a new process (1–2 s each, more on a loaded machine).
describe('preau command', { timeout: 120_000 }, () => {
  it('lists its commands with --help', async () => {
    const run = await preau(['--help'])
    expect(run.code).toBe(0)
    for (const command of ['serve', 'db', 'demo', 'bench']) expect(run.stdout).toContain(command)
  })

  it('exits 2 on an unknown command, saying how to get help', async () => {
    const run = await preau(['frobnicate'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('preau --help')
  })

  it('exits 3 on a bad environment variable, naming it', async () => {
    const run = await preau(['serve'], { PORT: 'abc' })
    expect(run.code).toBe(3)
    expect(run.stderr.trim()).toBe('Configuration invalide — PORT « abc » : un nombre entier est attendu')
  })

  it('says in one line that an external database is unreachable', async () => {
    const run = await preau(['db', 'status'], { DATABASE_URL: 'postgresql://preau:secret@127.0.0.1:1/preau' })
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toBe(
      "Erreur : Impossible de joindre la base PostgreSQL de DATABASE_URL (ECONNREFUSED) : vérifiez l'adresse, les identifiants et que le serveur tourne.",
    )
    expect(run.stderr).not.toContain('secret')
  })

  it('migrates an external database, reports its status, and loads the demo once', async () => {
    const env = { DATABASE_URL: await emptyDatabase() }
    const pending = await preau(['db', 'status'], env)
    expect(pending.code).toBe(1)
    expect(pending.stdout).toContain('0001-structures-and-accounts  EN ATTENTE')

    const migrate = await preau(['db', 'migrate'], env)
    expect(migrate.code).toBe(0)
    expect(migrate.stdout).toContain('Migration appliquée : 0001-structures-and-accounts')

    const status = await preau(['db', 'status', '--json'], env)
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout).migrations[0].appliedAt).toMatch(/^\d{4}-/)

    const demo = await preau(['demo', 'load'], env)
    expect(demo.code).toBe(0)
    expect(demo.stdout).toMatch(
      /Démonstration chargée : 3 écoles, \d+ classes, (3[5-9]\d|4[0-4]\d) comptes\./,
    )
    const again = await preau(['demo', 'load'], env)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('déjà un déploiement')
  })

  it.skipIf(
    !existsSync('/usr/bin/node') ||
      Number(execFileSync('/usr/bin/node', ['-p', 'process.versions.node.split(".")[0]']).toString()) >= 23,
  )("runs from the machine's older Node by handing over to the project's Node", async () => {
    const run = await preau(['--version'], {}, '/usr/bin/node')
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})

describe('preau serve', { timeout: 120_000 }, () => {
  const dataDirs: string[] = []
  const children: ChildProcess[] = []
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    for (const dir of dataDirs) {
      await fs.rm(path.dirname(locateEmbeddedCluster(dir).clusterDir), { recursive: true, force: true })
      await fs.rm(dir, { recursive: true, force: true })
    }
  })

  async function newDataDir() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-serve-'))
    dataDirs.push(dir)
    return dir
  }

  /** Starts `preau serve` and resolves once it printed that it is ready. */
  function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, [PREAU_BIN, 'serve'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      cwd: PROJECT_ROOT,
    })
    children.push(child)
    let output = ''
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk
        if (output.includes('Ctrl+C pour arrêter')) resolve({ child, output: () => output })
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)))
    })
  }

  it('starts with a demo, refuses a second server on its data, stops cleanly and restarts warm', {
    timeout: 120_000,
  }, async () => {
    const dataDir = await newDataDir()
    const port = await freePort()
    const env = { PREAU_DATA_DIR: dataDir, PORT: String(port) }
    const first = await startServer(env)
    expect(first.output()).toContain(`Préau est prêt sur http://localhost:${port}`)
    expect(first.output()).toContain(
      'Déploiement de démonstration chargé. Comptes (mot de passe : preau-demo)',
    )
    const ready = await fetch(`http://127.0.0.1:${port}/ready`)
    expect(await ready.json()).toMatchObject({ status: 'ready' })

    const second = await preau(['serve'], { ...env, PORT: String(await freePort()) })
    expect(second.code).toBe(1)
    const { pid } = JSON.parse(readFileSync(path.join(dataDir, 'preau.lock'), 'utf8')) as { pid: number }
    expect(second.stderr.trim()).toBe(
      `Erreur : Préau est déjà démarré sur le dossier de données ${dataDir} (processus ${pid}) : arrêtez-le d'abord, ou choisissez un autre PREAU_DATA_DIR.`,
    )
    // The server runs with the Node flags of `npm start`.
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--max-semi-space-size=4')

    const sameData = await preau(['db', 'status'], env)
    expect(sameData.code).toBe(0) // CLI commands share the running server's database

    const exited = new Promise<number | null>((resolve) => first.child.on('exit', resolve))
    first.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(first.output()).toContain('Préau est arrêté.')
    expect(existsSync(path.join(dataDir, 'preau.lock'))).toBe(false)

    const warm = await startServer(env)
    expect(warm.output()).not.toContain('Déploiement de démonstration chargé')
    const stopped = new Promise<number | null>((resolve) => warm.child.on('exit', resolve))
    warm.child.kill('SIGINT')
    expect(await stopped).toBe(0)
  })

  it('says the port is in use, and leaves the data directory usable', async () => {
    const blocker = net.createServer()
    const port = await freePort()
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    try {
      const dataDir = await newDataDir()
      const run = await preau(['serve'], { PREAU_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' })
      expect(run.code).toBe(1)
      expect(run.stderr.trim().split('\n').at(-1)).toBe(
        `Erreur : Le port ${port} est déjà utilisé : arrêtez l'autre programme ou choisissez un autre PORT.`,
      )
      expect(existsSync(path.join(dataDir, 'preau.lock'))).toBe(false)
    } finally {
      blocker.close()
    }
  })

  it('says the data directory cannot be used', async () => {
    const file = path.join(await newDataDir(), 'plain-file')
    writeFileSync(file, '')
    const run = await preau(['serve'], {
      PREAU_DATA_DIR: path.join(file, 'data'),
      PORT: String(await freePort()),
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('Impossible de créer le dossier de données')
  })
})
