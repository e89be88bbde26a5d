import fastifyCompress from '@fastify/compress'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Answers smaller than this go as they are: for a few hundred bytes of JSON the compression costs more
 * CPU than the bytes it saves cost time, even on a slow phone.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024

/**
 * Compresses the answers of the routes registered after it (brotli at quality 4, or gzip) when the
 * client accepts it and the answer is text (JSON, HTML, CSV…) of at least `COMPRESSION_THRESHOLD_BYTES`.
 * The web app's assets are compressed once at build time (`scripts/vite-precompress.ts`) and served as
 * such by the web plugin; PDFs and images are left alone. Compressed request bodies are not accepted:
 * nothing sends them, and they would slip past the body limit.
 */
export const compressionPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyCompress, {
      global: true,
      globalDecompression: false,
      encodings: ['br', 'gzip'],
      threshold: COMPRESSION_THRESHOLD_BYTES,
    })
  },
  { name: 'compression' },
)
