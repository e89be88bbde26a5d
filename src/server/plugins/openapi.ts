import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'
import type { Config } from '../config.ts'
import { sessionCookieName } from './auth/session.ts'
import { registerPublic } from './public-routes.ts'

/**
 * The OpenAPI document, generated from the routes' zod schemas, and its reader at `/api/docs`. Every
 * operation requires the session cookie, except public ones, which say they need nothing (`security: []`).
 */
export const openapiPlugin = fp(
  async (app: FastifyInstance, options: { version: string; config: Pick<Config, 'isSecure'> }) => {
    // Routes are declared after this plugin: each public one overrides the document's default security.
    app.addHook('onRoute', (route) => {
      if (route.config?.public) route.schema = { ...route.schema, security: [] }
    })
    await app.register(fastifySwagger, {
      openapi: {
        info: {
          title: 'Préau API',
          description:
            "API de Préau. Les sessions sont des cookies ; toute requête qui modifie des données porte l'en-tête `x-csrf-token` (voir `GET /api/auth/csrf`). Les erreurs suivent la RFC 9457 (`application/problem+json`).",
          version: options.version,
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(options.config) },
          },
        },
        security: [{ session: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    })
    await registerPublic(app, (scope) =>
      scope.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true }),
    )
  },
  { name: 'openapi' },
)
