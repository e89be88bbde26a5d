import type { Actor, Membership } from '../auth/actor.ts'

/** How the actor reaches a school: through their own memberships, or as an administrator above it. */
export type SchoolAccess = {
  schoolId: string
  memberships: Membership[]
  viaSyndicateAdmin: boolean
  viaCollectivityAdmin: boolean
}

/** A policy rule: a plain function of the actor and its target, true when allowed. */
export type Rule<Target> = (actor: Actor, target: Target) => boolean

export type PolicyRegistry = Record<string, Rule<never>>

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

/** Evaluates a named rule; an unknown name is a programming error and denies. */
export function can(registry: PolicyRegistry, actor: Actor | null, name: string, target?: unknown): boolean {
  const rule = registry[name] as Rule<unknown> | undefined
  if (!actor || !rule) return false
  return rule(actor, target)
}

/** The names among `names` that `actor` may perform on `target`: sent with resources so the UI hides the rest. */
export function allowedActions(
  registry: PolicyRegistry,
  actor: Actor | null,
  names: readonly string[],
  target?: unknown,
): string[] {
  return names.filter((name) => can(registry, actor, name, target))
}
