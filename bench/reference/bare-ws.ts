import http from 'node:http'
import { WebSocketServer } from 'ws'

/**
 * The WebSocket reference: a bare `ws` server (no Fastify, no session, no registry) in its own process,
 * holding the same idle connections as Préau in the same run. It answers each with one message, as
 * Préau says `realtime.ready`. PORT comes from the environment; GET / answers 200 once ready.
 */
const server = http.createServer((_request, response) => response.end('ok'))
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 1024 })
wss.on('connection', (socket) => socket.send('{"type":"realtime.ready"}'))
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'))

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const client of wss.clients) client.terminate()
    server.close(() => process.exit(0))
  })
}
