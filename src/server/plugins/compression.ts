import fastifyCompress from '@fastify/compress'
import type { FastifyInstance, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route can answer large text (a page of a list, a report): its answers from
     * `COMPRESSION_THRESHOLD_BYTES` are compressed for a client that accepts it. Other routes carry no
     * compression hook at all.
     */
    largeAnswer?: boolean
  }
}

/**
 * Answers smaller than this go as they are. Compressing costs 100–500 µs of CPU whatever the size
 * (mostly setting the encoder up): on the portal's 1.8 KB answer it cut the server's requests per
 * second by a third (the `http` benchmark) to save 1 KB, 5 ms on a slow 4G phone. From 8 KB the bytes
 * saved are worth tens of milliseconds there (directory pages, lists, reports).
 */
export const COMPRESSION_THRESHOLD_BYTES = 8192

/** zstd first (the cheapest here, and Chromium and Firefox accept it), then gzip, then brotli (quality 4). */
const ROUTE_COMPRESSION = {
  encodings: ['zstd', 'gzip', 'br'] as ('zstd' | 'gzip' | 'br')[],
  threshold: COMPRESSION_THRESHOLD_BYTES,
}

/** The OpenAPI document (`/api/docs/json`, ~200 KB) is registered by a third-party plugin: opted in by path. */
const LARGE_THIRD_PARTY_ANSWERS = /^\/api\/docs(\/|$)/

/**
 * Compresses, when the client accepts it, the answers of the routes that declare `config.largeAnswer`
 * (and the OpenAPI document) once they reach `COMPRESSION_THRESHOLD_BYTES`.
 *
 * Opt-in per route rather than global: registered globally, `@fastify/compress` adds an `onRequest` and
 * an `onSend` hook to every route, `/health` and the portal included, which cost ~10 µs per request for
 * answers that are never large enough to compress (docs/benchmarks.md, `http`). Routes that do not opt in
 * get `compress: false`, hence no hook and no `reply.compress`.
 *
 * The web app's assets are compressed once at build time (`scripts/vite-precompress.ts`, brotli 11) and
 * served as such by the web plugin; PDFs, images and blobs are left alone. Compressed request bodies are
 * not accepted: nothing sends them, and they would slip past the body limit.
 */
export const compressionPlugin = fp(
  async (app: FastifyInstance) => {
    // Before the plugin's own onRoute hook (hooks run in the order they were added).
    app.addHook('onRoute', (route: RouteOptions) => {
      if (route.compress !== undefined) return
      const large = route.config?.largeAnswer === true || LARGE_THIRD_PARTY_ANSWERS.test(route.url)
      route.compress = large ? { ...ROUTE_COMPRESSION } : false
    })
    await app.register(fastifyCompress, {
      global: false,
      globalDecompression: false,
      ...ROUTE_COMPRESSION,
    })
  },
  { name: 'compression' },
)
