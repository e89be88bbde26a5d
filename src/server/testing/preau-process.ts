import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { PREAU_BIN } from '../../cli/testing/run-preau.ts'
import { PROJECT_ROOT } from '../project.ts'

/** `preau serve` in its own process, as a supervisor runs it: its output kept, its exit watched. */
export type PreauProcess = {
  url: string
  child: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  output: () => string
  /** Null while it runs; its exit code (or signal) once it ended. */
  exit: () => { code: number | null; signal: NodeJS.Signals | null } | null
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it ended. */
  stop: (graceMs?: number) => Promise<void>
}

/** A TCP port free on the loopback right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts `preau serve` on a free loopback port with `env` (plus PATH) and waits until it answers
 * `/health`, or throws with its output after `timeoutMs`.
 */
export async function startPreauProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<PreauProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [PREAU_BIN, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      PREAU_DEMO: 'never',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      ...env,
    },
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const ended = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal }
      resolve()
    }),
  )
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exit) throw new Error(`preau serve ended at start (${JSON.stringify(exit)}):\n${output}`)
    const health = await fetch(`${url}/health`).catch(() => null)
    if (health?.ok) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`preau serve not ready after ${timeoutMs} ms:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url,
    child,
    output: () => output,
    exit: () => exit,
    stop: async (graceMs = 15_000) => {
      if (exit) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await ended
      clearTimeout(timer)
    },
  }
}
