import Fastify from 'fastify'

/**
 * The HTTP reference: Fastify with one JSON route and nothing else (no logger, no plugins), in its own
 * process like Préau. Préau's figures are reported as a ratio to this one, measured in the same run.
 * PORT comes from the environment; it prints "listening" once ready.
 */
const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
console.log('listening')

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(() => process.exit(0))
  })
}
