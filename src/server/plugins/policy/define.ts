import type { Actor, Membership } from '../auth/actor.ts'

/** How the actor reaches a school: through their own memberships, or as an administrator above it. */
export type SchoolAccess = {
  schoolId: string
  memberships: Membership[]
  viaSyndicateAdmin: boolean
  viaCollectivityAdmin: boolean
}

/** How the actor reaches a member collectivity: as the syndicate's administrator, or as one of its own. */
export type CollectivityAccess = {
  collectivityId: string
  viaSyndicateAdmin: boolean
  viaCollectivityAdmin: boolean
}

/** A policy rule: a plain function of the actor and its target, true when allowed. */
export type Rule<Target> = (actor: Actor, target: Target) => boolean

/**
 * The app's rules by `module.action` name. `src/server/modules/policies.ts` fills this interface in
 * (declaration merging), so `config.policy`, `app.can` and `app.allowedActions` only accept names that
 * exist: a misspelt name is a type error, not a route that lets everyone through.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface Policies {}

/** A rule's name, closed over the registry. */
export type PolicyName = keyof Policies & string

/** What the rule `N` is evaluated on (`unknown` for a rule of the actor alone). */
export type TargetOf<N extends PolicyName> = Policies[N] extends (actor: Actor, target: infer T) => boolean
  ? T
  : never

/** The rules at run time, by their own names only: `toString` or `__proto__` are no rule. */
export type PolicyRegistry = ReadonlyMap<string, Rule<unknown>>

/** The run-time registry of a `{ name: rule }` object: its own enumerable properties, nothing inherited. */
export function policyRegistry(rules: Record<string, Rule<never>>): PolicyRegistry {
  return new Map(Object.entries(rules) as [string, Rule<unknown>][])
}

/**
 * Names a module's rules `module.action`. Each module has one `policy.ts` calling this; the registry of
 * the app is the union of them (see `src/server/modules/policies.ts`).
 */
export function definePolicies<const Module extends string, const Rules extends Record<string, Rule<never>>>(
  module: Module,
  rules: Rules,
): { [K in keyof Rules & string as `${Module}.${K}`]: Rules[K] } {
  return Object.fromEntries(
    Object.entries(rules).map(([action, rule]) => [`${module}.${action}`, rule]),
  ) as never
}

function isSchoolAccess(target: unknown): target is SchoolAccess {
  const access = target as SchoolAccess | null | undefined
  return typeof access?.schoolId === 'string' && Array.isArray(access.memberships)
}

function isCollectivityAccess(target: unknown): target is CollectivityAccess {
  return typeof (target as CollectivityAccess | null | undefined)?.collectivityId === 'string'
}

/**
 * A rule about a school. Evaluated without one (a route without `scope: 'school'`, a service passing
 * nothing) it denies: a missing target is never a reason to let through, nor to answer 500.
 */
export function onSchool(rule: Rule<SchoolAccess>): Rule<SchoolAccess> {
  return (actor, school) => isSchoolAccess(school) && rule(actor, school)
}

/** A rule about a member collectivity; without one it denies (see `onSchool`). */
export function onCollectivity(rule: Rule<CollectivityAccess>): Rule<CollectivityAccess> {
  return (actor, collectivity) => isCollectivityAccess(collectivity) && rule(actor, collectivity)
}

/** Evaluates a named rule; an unknown name is a programming error and denies. */
export function can(registry: PolicyRegistry, actor: Actor | null, name: string, target?: unknown): boolean {
  const rule = registry.get(name)
  if (!actor || !rule) return false
  return rule(actor, target)
}

/** The names among `names` that `actor` may perform on `target`: sent with resources so the UI hides the rest. */
export function allowedActions<Name extends string>(
  registry: PolicyRegistry,
  actor: Actor | null,
  names: readonly Name[],
  target?: unknown,
): Name[] {
  return names.filter((name) => can(registry, actor, name, target))
}
