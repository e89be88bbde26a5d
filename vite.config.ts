import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './scripts/vite-precompress.ts'

/** A module of the web app, whatever the path separator. */
const webModule = (pattern: string) => new RegExp(`src[\\\\/]web[\\\\/]${pattern}`)

/** The web app: built into dist/web and served by Fastify from the same origin as the API. */
export default defineConfig({
  root: '.',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Few requests for the first screens: each costs a round trip on a phone (150 ms in 4G), and
        // a browser opens only six connections at a time over HTTP/1.1. Left alone, the bundler cuts a
        // chunk for every set of pages that shares a module: 40 requests for the sign-in page.
        codeSplitting: {
          groups: [
            // Everything the entry loads before any page: React, the router, i18next, the French
            // catalogue, and the sign-in page with its form fields.
            { name: 'app', tags: ['$initial'], priority: 2 },
            // The frame of signed-in pages (header, menus) and the portal, the page after sign-in.
            {
              name: 'shell',
              test: webModule('(app[\\\\/]Shell|modules[\\\\/]portal[\\\\/]PortalPage)'),
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
})
