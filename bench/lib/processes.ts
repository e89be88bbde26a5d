import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import net from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Child processes of the benchmarks: a free port for each server, Node processes started with the same
 * runtime as the harness, waiting for an HTTP answer, stopping cleanly, and memory read from /proc.
 */

/** A TCP port nobody listens on now (the system picks it). Never 3000, which others use. */
export async function findFreePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer()
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo
        server.close(() => resolve(port))
      })
    })
    if (port !== 3000) return port
  }
}

/** A running child with the last lines it printed, for error messages. */
export type Child = { process: ChildProcess; output: () => string }

const running = new Set<ChildProcess>()
// A harness that dies must not leave servers behind it (they would keep ports and CPU busy).
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL')
})

/** Starts `node <args>` with the harness's own runtime (Node ≥ 22.18 runs the TypeScript sources). */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, cwd: string): Child {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  child.once('exit', () => running.delete(child))
  const lines: string[] = []
  const remember = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    if (lines.length > 40) lines.splice(0, lines.length - 40)
  }
  child.stdout?.on('data', remember)
  child.stderr?.on('data', remember)
  return { process: child, output: () => lines.join('\n') }
}

/**
 * Polls `url` until it answers `status`; returns the milliseconds since `since`. Fails when the child
 * exits first or after `timeoutMs`.
 */
export async function waitForHttp(
  url: string,
  child: Child,
  options: { status?: number; timeoutMs?: number; since?: number } = {},
): Promise<number> {
  const { status = 200, timeoutMs = 60_000, since = performance.now() } = options
  const deadline = since + timeoutMs
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new Error(
        `${url} : le processus s'est arrêté (code ${child.process.exitCode})\n${child.output()}`,
      )
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await response.arrayBuffer()
      if (response.status === status) return performance.now() - since
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`${url} ne répond pas ${status} après ${timeoutMs} ms`)
    await sleep(20)
  }
}

/** Asks a child to stop (SIGINT, as Ctrl-C would) and waits; SIGKILL after `graceMs`. */
export async function stopChild(child: Child, graceMs = 30_000): Promise<void> {
  const { process: proc } = child
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  proc.kill('SIGINT')
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

/** Resident and proportional memory of processes, in megabytes. */
export type Memory = { rssMb: number; pssMb: number; processes: number }

/** A Node process and the processes of the PostgreSQL it started (postmaster and all its children). */
export type ProcessTree = { node: number; postgres: number[] }

/** Finds the `postgres` children of `pid` and, recursively, their children, from /proc. */
export function processTree(pid: number): ProcessTree {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const ppid = Number(statFields(Number(entry))?.[1])
    if (Number.isInteger(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
  }
  const postmasters = (children.get(pid) ?? []).filter((child) =>
    (readProc(`/proc/${child}/cmdline`) ?? '').includes('postgres'),
  )
  const postgres: number[] = []
  const visit = (p: number) => {
    postgres.push(p)
    for (const child of children.get(p) ?? []) visit(child)
  }
  for (const postmaster of postmasters) visit(postmaster)
  return { node: pid, postgres }
}

/**
 * Memory of a Node process alone, and of its PostgreSQL. RSS counts shared buffers once per process that
 * touched them, so PSS (shared pages divided among their users) is the fair total for a group.
 */
export function memoryOf(pid: number): { node: Memory; postgres: Memory } {
  const tree = processTree(pid)
  return { node: sumMemory([tree.node]), postgres: sumMemory(tree.postgres) }
}

/** CPU time (user + system) consumed so far by each process, in milliseconds. */
export function cpuTimes(pids: number[]): Map<number, number> {
  // Linux reports it in clock ticks of 1/100 s (USER_HZ) on every architecture Préau runs on.
  const times = new Map<number, number>()
  for (const pid of pids) {
    const fields = statFields(pid)
    if (fields) times.set(pid, (Number(fields[11]) + Number(fields[12])) * 10)
  }
  return times
}

/**
 * CPU time consumed so far by the threads of a process, in milliseconds, summed by thread name: Node's
 * `MainThread` (JavaScript), `libuv-worker` (the thread pool: argon2id, file system…), `V8Worker` (garbage
 * collection, compilation)…
 */
export function threadCpuTimes(pid: number): Map<string, number> {
  const times = new Map<string, number>()
  let tasks: string[] = []
  try {
    tasks = readdirSync(`/proc/${pid}/task`)
  } catch {
    return times // the process ended meanwhile
  }
  for (const tid of tasks) {
    const name = readProc(`/proc/${pid}/task/${tid}/comm`)?.trim() ?? '?'
    const stat = readProc(`/proc/${pid}/task/${tid}/stat`)
    if (!stat) continue
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    times.set(name, (times.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10)
  }
  return times
}

/** CPU milliseconds used by each kind of thread between two readings of `threadCpuTimes`. */
export function threadCpuBetween(
  before: Map<string, number>,
  after: Map<string, number>,
): Record<string, number> {
  return Object.fromEntries([...after].map(([name, ms]) => [name, ms - (before.get(name) ?? 0)]))
}

/** CPU milliseconds a group of processes used between two readings (processes born since count fully). */
export function cpuUsedBetween(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0)
  return used
}

/** The fields of /proc/<pid>/stat after the command name (which may contain spaces): state, ppid… */
function statFields(pid: number): string[] | null {
  const stat = readProc(`/proc/${pid}/stat`)
  return stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : null
}

function sumMemory(pids: number[]): Memory {
  let rssKb = 0
  let pssKb = 0
  for (const pid of pids) {
    rssKb += Number(/VmRSS:\s+(\d+)/.exec(readProc(`/proc/${pid}/status`) ?? '')?.[1] ?? 0)
    pssKb += Number(/^Pss:\s+(\d+)/m.exec(readProc(`/proc/${pid}/smaps_rollup`) ?? '')?.[1] ?? 0)
  }
  return {
    rssMb: Math.round(rssKb / 102.4) / 10,
    pssMb: Math.round(pssKb / 102.4) / 10,
    processes: pids.length,
  }
}

function readProc(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null // the process ended meanwhile
  }
}
