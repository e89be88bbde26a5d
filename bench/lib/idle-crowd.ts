import { WebSocket } from 'ws'
import { type Child, spawnNode, stopChild } from './processes.ts'

/**
 * Idle WebSockets held by a process of their own, as thousands of browsers would hold them: the pings
 * they answer and the frames they read never run on the harness's event loop, where the probes time
 * deliveries. Run as `node bench/lib/idle-crowd.ts` with CROWD_URL, CROWD_COUNT and CROWD_COOKIE; it
 * prints `ready <n>` once every socket heard its first message, and closes them all on SIGINT.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One WebSocket, once it said its first message; a 503 (load shedding on a busy machine) is retried. */
async function openSocket(url: string, headers: Record<string, string>, attempt = 0): Promise<WebSocket> {
  try {
    return await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(url, { headers, perMessageDeflate: false })
      socket.once('message', () => resolve(socket))
      socket.once('error', reject)
    })
  } catch (error) {
    if (attempt >= 20 || !String(error).includes('503')) throw error
    await sleep(1000)
    return openSocket(url, headers, attempt + 1)
  }
}

/** Opens `count` WebSockets to `url`, 50 at a time. */
async function openSockets(
  url: string,
  count: number,
  headers: Record<string, string>,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = []
  const batch = 50
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start)
    sockets.push(...(await Promise.all(Array.from({ length: size }, () => openSocket(url, headers)))))
  }
  return sockets
}

/** Starts a crowd of `count` idle sockets to `url` and resolves once they are all open. */
export async function startCrowd(url: string, count: number, cookie?: string): Promise<Child> {
  const child = spawnNode(
    [new URL(import.meta.url).pathname],
    { ...process.env, CROWD_URL: url, CROWD_COUNT: String(count), CROWD_COOKIE: cookie ?? '' },
    process.cwd(),
  )
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.process.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      if (out.includes('ready')) resolve()
    })
    child.process.once('exit', (code) =>
      reject(new Error(`les sockets inactives n’ont pas pu s’ouvrir (code ${code}) :\n${child.output()}`)),
    )
  })
  return child
}

export const stopCrowd = (crowd: Child) => stopChild(crowd)

if (process.env.CROWD_URL && import.meta.url === `file://${process.argv[1]}`) {
  const cookie = process.env.CROWD_COOKIE
  const sockets = await openSockets(
    process.env.CROWD_URL,
    Number(process.env.CROWD_COUNT),
    cookie ? { cookie } : {},
  )
  console.log(`ready ${sockets.length}`)
  process.once('SIGINT', () => {
    for (const socket of sockets) socket.terminate()
    process.exit(0)
  })
}
