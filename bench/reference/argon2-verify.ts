import { parseArgs } from 'node:util'
import { ARGON2_OPTIONS, hashPassword, verifyPassword } from '../../src/server/modules/identity/passwords.ts'
import { threadCpuBetween, threadCpuTimes } from '../lib/processes.ts'

/**
 * The login reference: raw argon2id `verify` (@node-rs/argon2, through Préau's own `verifyPassword`, so
 * with exactly the server's parameters), `--concurrency` checks in flight at all times for `--duration`
 * seconds, in its own process like Préau. Prints one line of JSON: verifications, per second, latency
 * and the CPU this process used while measuring (in all, and by kind of thread).
 */
const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '8' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '1' },
  },
})
const concurrency = Number(values.concurrency)
const PASSWORD = 'preau-bench-reference'
const passwordHash = await hashPassword(PASSWORD)

/** Keeps `concurrency` verifications in flight until `seconds` have passed; their latencies in ms. */
async function load(seconds: number): Promise<number[]> {
  const latencies: number[] = []
  const deadline = performance.now() + seconds * 1000
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now()
      if (!(await verifyPassword(passwordHash, PASSWORD))) throw new Error('argon2id: verify a échoué')
      latencies.push(performance.now() - started)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return latencies
}

await load(Number(values.warmup))
const cpuBefore = process.cpuUsage()
const threadsBefore = threadCpuTimes(process.pid)
const started = performance.now()
const latencies = await load(Number(values.duration))
const seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
const cpuByThread = threadCpuBetween(threadsBefore, threadCpuTimes(process.pid))
latencies.sort((a, b) => a - b)
const at = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]
console.log(
  JSON.stringify({
    parameters: ARGON2_OPTIONS,
    concurrency,
    verifications: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: at(50),
    p99Ms: at(99),
    cpuMs: (cpu.user + cpu.system) / 1000,
    /** CPU milliseconds by kind of thread (argon2id runs on `libuv-worker`). */
    cpuByThread,
    threadpool: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
  }),
)
