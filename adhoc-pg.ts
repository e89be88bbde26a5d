import { startEmbeddedPostgres } from './src/server/db/embedded/index.ts'
const server = await startEmbeddedPostgres('/tmp/region-dir', {})
console.log(server.connectionString)
process.on('SIGTERM', async () => { await server.stop(); process.exit(0) })
setInterval(() => {}, 1 << 30)
