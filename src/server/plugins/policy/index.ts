import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { type Actor, hasFreshSecondFactor, withHeldBackRights } from '../auth/actor.ts'
import { forbidden, HttpProblem, notFound, unauthenticated } from '../errors.ts'
import { memberAccess, openSchoolScope, resolveSchoolAccess, type SchoolScope } from '../tenancy.ts'
import { resolveCollectivityAccess } from './collectivity-access.ts'
import {
  allowedActions,
  type CollectivityAccess,
  can,
  type PolicyName,
  type PolicyRegistry,
  policyRegistry,
  type Rule,
  type SchoolAccess,
  type TargetOf,
} from './define.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to anyone, signed in or not. Exclusive with `policy`. */
    public?: boolean
    /** The `module.action` rule the actor must pass (a name of the registry: a typo is a type error). */
    policy?: PolicyName
    /**
     * `school`: the route's `:schoolId` is checked against the actor before the rule (404 when foreign);
     * `collectivity`: the same for `:collectivityId`. The rule then gets that access as its target.
     */
    scope?: 'school' | 'collectivity'
    /** Set by `registerPublic` on routes of third-party plugins (docs, static files). */
    infrastructure?: boolean
    /**
     * A step-up: the session must have passed the second factor within this many minutes (else 403
     * `second-factor-stale`, and the client asks the code again through `POST /api/auth/step-up`).
     */
    secondFactorWithinMinutes?: number
  }
  interface FastifyRequest {
    /** Set on school-scoped routes once the actor's access to `:schoolId` is established. */
    school: SchoolAccess | null
    /** Set on collectivity-scoped routes once the actor's access to `:collectivityId` is established. */
    collectivity: CollectivityAccess | null
  }
  interface FastifyInstance {
    policies: PolicyRegistry
    /** Every route as registered, for the boot check and the authorization matrix tests. */
    routeTable: RouteEntry[]
    /** Whether `actor` passes the rule `name` on `target`; a rule needing a target it lacks denies. */
    can: <Name extends PolicyName>(actor: Actor | null, name: Name, target?: TargetOf<Name> | null) => boolean
    allowedActions: <Name extends PolicyName>(
      actor: Actor | null,
      names: readonly Name[],
      target?: TargetOf<Name> | null,
    ) => Name[]
  }
}

type RouteEntry = { method: string; url: string; config: RouteOptions['config'] }

/**
 * The school scope of a school-scoped route, opened once the actor's access to the school is
 * established; other routes have none and this throws.
 */
export function schoolScopeOf(request: FastifyRequest): SchoolScope {
  if (!request.school) throw new Error(`${request.routeOptions.url} is not declared with scope: 'school'`)
  return openSchoolScope(request.server.db, request.school.schoolId)
}

/** The actor of a route that declares a policy (never null there: the plugin answered 401 before). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated()
  return request.actor
}

/** The collectivity access of a collectivity-scoped route; other routes have none and this throws. */
export function collectivityAccessOf(request: FastifyRequest): CollectivityAccess {
  if (!request.collectivity)
    throw new Error(`${request.routeOptions.url} is not declared with scope: 'collectivity'`)
  return request.collectivity
}

/**
 * A right that needs the second factor, asked of a session that has not passed it: the client leads
 * the person to the code of their app (`next: 'totp'`, then `POST /api/auth/step-up`) or to its
 * enrolment (`next: 'totp-enrolment'`), then back.
 */
export function secondFactorRequired(actor: Actor): HttpProblem {
  const hasApp = actor.authentication.hasAuthenticator
  return new HttpProblem(
    403,
    'second-factor-required',
    hasApp
      ? 'Cette action demande la double authentification : saisissez le code de votre application d’authentification.'
      : 'Cette action demande la double authentification : activez-la d’abord, cela prend deux minutes.',
    { next: hasApp ? 'totp' : 'totp-enrolment' },
  )
}

/** A step-up: the session's second factor is older than the route allows. */
export function secondFactorStale(actor: Actor, minutes: number): HttpProblem {
  const hasApp = actor.authentication.hasAuthenticator
  return new HttpProblem(
    403,
    'second-factor-stale',
    hasApp
      ? `Pour cette action, confirmez votre identité avec le code de votre application (demandé toutes les ${minutes} minutes).`
      : 'Cette action demande la double authentification : activez-la d’abord, cela prend deux minutes.',
    { next: hasApp ? 'totp' : 'totp-enrolment', withinMinutes: minutes },
  )
}

/**
 * Deny by default. Every route declares `public: true` or a `policy` named in the registry; the app
 * refuses to boot otherwise (checked when it becomes ready, so routes of every plugin are seen). On each
 * request: no actor → 401; a school or collectivity the actor does not reach → 404; a rule that says
 * no → 403. The actor holds only the rights
 * its session's authentication allows (see `limitToAuthentication`): when the rights held back for the
 * second factor would have allowed the request, the answer says so (403 `second-factor-required`), and
 * a route may ask for a second factor passed within N minutes (`secondFactorWithinMinutes`).
 */
export const policyPlugin = fp(
  async (app: FastifyInstance, options: { policies: Record<string, Rule<never>> }) => {
    const registry = policyRegistry(options.policies)
    const routeTable: RouteEntry[] = []
    const registered: RouteOptions[] = []
    app.decorate('policies', registry)
    app.decorate('routeTable', routeTable)
    app.decorate('can', (actor: Actor | null, name: string, target?: unknown) =>
      can(registry, actor, name, target),
    )
    app.decorate(
      'allowedActions',
      <Name extends string>(actor: Actor | null, names: readonly Name[], target?: unknown) =>
        allowedActions(registry, actor, names, target),
    )
    app.decorateRequest('school', null)
    app.decorateRequest('collectivity', null)

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
      const params = request.params as { schoolId?: string; collectivityId?: string }
      const schoolId = params.schoolId ?? ''
      const collectivityId = params.collectivityId ?? ''
      const allow = () => {
        const minutes = config.secondFactorWithinMinutes
        if (minutes !== undefined && !hasFreshSecondFactor(actor, minutes))
          return done(secondFactorStale(actor, minutes))
        done()
      }
      // Refused with the rights this session may use: would those held back for the second factor allow it?
      const refuse = (problem: HttpProblem) => {
        const full = withHeldBackRights(actor)
        const policy = config.policy
        if (!full || !policy) return done(problem)
        const check = (target: unknown) =>
          done(can(registry, full, policy, target) ? secondFactorRequired(actor) : problem)
        const found = (access: unknown) => (access ? check(access) : done(problem))
        if (config.scope === 'school')
          return void resolveSchoolAccess(app.db, full, schoolId).then(found, done)
        if (config.scope === 'collectivity')
          return void resolveCollectivityAccess(app.db, full, collectivityId).then(found, done)
        check(undefined)
      }
      const decide = (target: unknown) =>
        config.policy && can(registry, actor, config.policy, target) ? allow() : refuse(forbidden())
      if (config.scope === 'collectivity') {
        return void resolveCollectivityAccess(app.db, actor, collectivityId).then((access) => {
          if (!access) return refuse(notFound('Collectivité introuvable.'))
          request.collectivity = access
          decide(access)
        }, done)
      }
      if (config.scope !== 'school') return decide(undefined)
      const settle = (access: SchoolAccess | null) => {
        if (!access) return refuse(notFound('École introuvable.'))
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
  // A Map of own names: `toString`, `constructor` or `__proto__` name no rule (an `in` check says they do).
  if (config.policy !== undefined && !registry.has(config.policy))
    problems.push(`${where}: unknown policy ${String(config.policy)}`)
  for (const scope of ['school', 'collectivity'] as const) {
    const hasParam = url.includes(`:${scope}Id`)
    if (hasParam && config.scope !== scope)
      problems.push(`${where}: has :${scope}Id but no scope: '${scope}'`)
    if (!hasParam && config.scope === scope) problems.push(`${where}: scope '${scope}' without :${scope}Id`)
  }
  return problems
}
