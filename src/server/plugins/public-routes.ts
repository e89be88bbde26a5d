import type { FastifyInstance } from 'fastify'

/**
 * Registers third-party plugins whose routes are public by nature (API docs, static assets) in a scope
 * that marks each of their routes `public: true` explicitly: the policy plugin's boot check still sees
 * every route, and nothing becomes public without this call in our code.
 */
export async function registerPublic(
  app: FastifyInstance,
  register: (scope: FastifyInstance) => PromiseLike<unknown>,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true, infrastructure: true }
    })
    await register(scope)
  })
}
