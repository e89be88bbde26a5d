import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { notFound, sendProblem } from './errors.ts'
import { registerPublic } from './public-routes.ts'

/**
 * Serves the React app built by Vite from the same origin as the API (no CORS). Hashed assets are
 * cached for a year; `index.html` never, so a deployment is picked up at the next navigation.
 * Any other GET of a page path (no file extension), or that accepts HTML, gets `index.html`: the client
 * router takes it from there. A probe or `curl` asking for `/` gets the page too, not a JSON 404.
 */
export const webPlugin = fp(
  async (app: FastifyInstance, options: { root: string }) => {
    const indexFile = path.join(options.root, 'index.html')
    const hasBuild = existsSync(indexFile)
    const indexHtml = hasBuild ? readFileSync(indexFile) : null
    if (hasBuild) {
      await registerPublic(app, (scope) =>
        scope.register(fastifyStatic, {
          root: options.root,
          wildcard: false,
          index: false,
          // The build's `.br` and `.gz` copies, chosen by Accept-Encoding (with `Vary`).
          preCompressed: true,
          setHeaders: (res, filePath) => {
            const immutable = filePath.includes(`${path.sep}assets${path.sep}`)
            res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
          },
        }),
      )
    }

    app.setNotFoundHandler(async (request, reply) => {
      const wantsPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !request.url.startsWith('/api/') &&
        (isPagePath(request.url) || (request.headers.accept ?? '').includes('text/html'))
      if (wantsPage && indexHtml) {
        return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml)
      }
      const problem = notFound(`Aucune ressource à l'adresse ${request.url.split('?')[0]}.`)
      return sendProblem(reply, {
        type: `urn:preau:problem:${problem.code}`,
        title: 'Introuvable',
        status: 404,
        code: problem.code,
        detail: problem.message,
        requestId: request.id,
      })
    })
  },
  { name: 'web' },
)

/** `/ecoles/x` or `/` is a page of the client router; `/assets/app-1234.js` or `/favicon.ico` is a file. */
function isPagePath(url: string): boolean {
  const pathname = url.split(/[?#]/)[0] ?? '/'
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1)
  return !lastSegment.includes('.')
}
