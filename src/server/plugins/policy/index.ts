import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { Actor } from '../auth/actor.ts'
import { forbidden, notFound, unauthenticated } from '../errors.ts'
import { memberAccess, resolveSchoolAccess, type SchoolScope } from '../tenancy.ts'
import { allowedActions, can, type PolicyRegistry, type SchoolAccess } from './define.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to anyone, signed in or not. Exclusive with `policy`. */
    public?: boolean
    /** The `module.action` rule the actor must pass. */
    policy?: string
    /** `school`: the route's `:schoolId` is checked against the actor before the rule (404 when foreign). */
    scope?: 'school'
    /** Set by `registerPublic` on routes of third-party plugins (docs, static files). */
    infrastructure?: boolean
  }
  interface FastifyRequest {
    /** Set on school-scoped routes once the actor's access to `:schoolId` is established. */
    school: SchoolAccess | null
  }
  interface FastifyInstance {
    policies: PolicyRegistry
    /** Every route as registered, for the boot check and the authorization matrix tests. */
    routeTable: RouteEntry[]
    can: (actor: Actor | null, name: string, target?: unknown) => boolean
    allowedActions: (actor: Actor | null, names: readonly string[], target?: unknown) => string[]
  }
}

type RouteEntry = { method: string; url: string; config: RouteOptions['config'] }

/** The school scope of a school-scoped route; other routes have none and this throws. */
export function schoolScopeOf(request: FastifyRequest): SchoolScope {
  if (!request.school) throw new Error(`${request.routeOptions.url} is not declared with scope: 'school'`)
  return { db: request.server.db, schoolId: request.school.schoolId }
}

/** The actor of a route that declares a policy (never null there: the plugin answered 401 before). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated()
  return request.actor
}

/**
 * Deny by default. Every route declares `public: true` or a `policy`; the app refuses to boot otherwise
 * (checked when it becomes ready, so routes of every plugin are seen). On each request: no actor → 401;
 * a school the actor does not reach → 404; a rule that says no → 403.
 */
export const policyPlugin = fp(
  async (app: FastifyInstance, options: { policies: PolicyRegistry }) => {
    const registry = options.policies
    const routeTable: RouteEntry[] = []
    const registered: RouteOptions[] = []
    app.decorate('policies', registry)
    app.decorate('routeTable', routeTable)
    app.decorate('can', (actor: Actor | null, name: string, target?: unknown) =>
      can(registry, actor, name, target),
    )
    app.decorate('allowedActions', (actor: Actor | null, names: readonly string[], target?: unknown) =>
      allowedActions(registry, actor, names, target),
    )
    app.decorateRequest('school', null)

    app.addHook('onRoute', (route) => {
      registered.push(route)
    })

    app.addHook('onReady', async () => {
      const problems: string[] = []
      for (const route of registered) {
        const methods = [route.method].flat().join(',')
        routeTable.push({ method: methods, url: route.url, config: route.config })
        problems.push(...checkDeclaration(methods, route.url, route.config ?? {}, registry))
      }
      if (problems.length > 0) {
        throw new Error(`Routes refused at boot (deny by default):\n  ${problems.join('\n  ')}`)
      }
    })

    // A callback hook: only a school route of an administrator above the school waits on the database.
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.is404) return done()
      const config = request.routeOptions.config
      if (config.public) return done()
      const actor = request.actor
      if (!actor) return done(unauthenticated())
      const decide = (target: unknown) =>
        !config.policy || !can(registry, actor, config.policy, target) ? done(forbidden()) : done()
      if (config.scope !== 'school') return decide(undefined)
      const schoolId = (request.params as { schoolId?: string }).schoolId ?? ''
      const settle = (access: SchoolAccess | null) => {
        if (!access) return done(notFound('École introuvable.'))
        request.school = access
        decide(access)
      }
      const known = memberAccess(actor, schoolId)
      if (known) return settle(known)
      resolveSchoolAccess(app.db, actor, schoolId).then(settle, done)
    })
  },
  { name: 'policy', dependencies: ['session'] },
)

function checkDeclaration(
  method: string,
  url: string,
  config: NonNullable<RouteOptions['config']>,
  registry: PolicyRegistry,
): string[] {
  const where = `${method} ${url}`
  const problems: string[] = []
  if (config.public && config.policy) problems.push(`${where}: declares both public and a policy`)
  if (!config.public && !config.policy) problems.push(`${where}: declares neither a policy nor public: true`)
  if (config.policy && !(config.policy in registry))
    problems.push(`${where}: unknown policy ${config.policy}`)
  const hasSchoolParam = url.includes(':schoolId')
  if (hasSchoolParam && config.scope !== 'school')
    problems.push(`${where}: has :schoolId but no scope: 'school'`)
  if (!hasSchoolParam && config.scope === 'school')
    problems.push(`${where}: scope 'school' without :schoolId`)
  return problems
}
