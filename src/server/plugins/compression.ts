import fastifyCompress from '@fastify/compress'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Answers smaller than this go as they are. Compressing costs 100–500 µs of CPU whatever the size
 * (mostly setting the encoder up): on the portal's 1.8 KB answer it cut the server's requests per
 * second by a third (the `http` benchmark) to save 1 KB, 5 ms on a slow 4G phone. From 8 KB the bytes
 * saved are worth tens of milliseconds there (directory pages, lists, reports).
 */
export const COMPRESSION_THRESHOLD_BYTES = 8192

/**
 * Compresses the large answers of the routes registered after it when the client accepts it and the
 * answer is text (JSON, HTML, CSV…) of at least `COMPRESSION_THRESHOLD_BYTES`: zstd first (the cheapest
 * here, and Chromium and Firefox accept it), then gzip, then brotli (at quality 4, yet the dearest).
 * The web app's assets are compressed once at build time (`scripts/vite-precompress.ts`, brotli 11) and
 * served as such by the web plugin; PDFs and images are left alone. Compressed request bodies are not
 * accepted: nothing sends them, and they would slip past the body limit.
 */
export const compressionPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyCompress, {
      global: true,
      globalDecompression: false,
      encodings: ['zstd', 'gzip', 'br'],
      threshold: COMPRESSION_THRESHOLD_BYTES,
    })
  },
  { name: 'compression' },
)
