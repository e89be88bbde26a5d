import { z } from 'zod'
import { resourceId, SchoolId } from './ids.ts'
import { Profile } from './structures.ts'
import { Timestamp } from './timestamp.ts'

/**
 * Who may see and write to whom. An audience names a set of people of one school: everyone of a
 * profile, the members of a class (optionally of one profile: "parents of CE1 A"), or a manual group.
 * A class means the same on both sides of a rule: its members (pupils, teachers, staff), never the
 * parents of its pupils, who are only ever chosen explicitly (`profile: 'parent'`).
 */
export const Audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('profile'), profile: Profile }),
  z.object({ kind: z.literal('class'), classId: z.uuid(), profile: Profile.optional() }),
  z.object({ kind: z.literal('group'), groupId: z.uuid() }),
])
export type Audience = z.infer<typeof Audience>

export const CommunicationRuleBody = z.object({
  source: Audience,
  target: Audience,
  effect: z.enum(['allow', 'deny']),
  bothWays: z.boolean().default(false),
  note: z.string().trim().max(300).optional(),
})
export type CommunicationRuleBody = z.infer<typeof CommunicationRuleBody>

/** A stored rule: `bothWays` is always said (the body's default is applied). */
export const CommunicationRule = CommunicationRuleBody.extend({
  bothWays: z.boolean(),
  id: z.uuid(),
  createdAt: Timestamp,
  createdByName: z.string().nullable(),
})
export const CommunicationRulesResponse = z.object({
  rules: z.array(CommunicationRule),
  allowedActions: z.array(z.string()),
})
export const RuleParams = z.object({ schoolId: SchoolId, ruleId: resourceId('Règle introuvable.') })
export const CreatedResponse = z.object({ id: z.uuid() })

/** What a rule would do that the director should know before saving it. */
export const RuleWarningCode = z.enum(['parents-reach-other-children'])
export type RuleWarningCode = z.infer<typeof RuleWarningCode>
export const RuleWarning = z.object({ code: RuleWarningCode, detail: z.string() })
export type RuleWarning = z.infer<typeof RuleWarning>
export const CreatedRuleResponse = z.object({ id: z.uuid(), warnings: z.array(RuleWarning) })

/** Which of parents and pupils a manual group holds (known to the server; the web may not know). */
export type GroupHolds = (groupId: string) => { parents: boolean; pupils: boolean } | undefined

function holdsParents(audience: Audience, groups?: GroupHolds): boolean {
  if (audience.kind === 'group') return groups?.(audience.groupId)?.parents ?? false
  return audience.profile === 'parent'
}

function holdsPupils(audience: Audience, groups?: GroupHolds): boolean {
  if (audience.kind === 'group') return groups?.(audience.groupId)?.pupils ?? false
  if (audience.kind === 'class') return !audience.profile || audience.profile === 'pupil'
  return audience.profile === 'pupil'
}

/**
 * The warnings of a rule, the same in the form (before saving) and in the API's answer: an allow rule
 * from parents to pupils, in either direction it opens, lets adults reach other families' children.
 */
export function ruleWarnings(
  rule: Pick<CommunicationRuleBody, 'source' | 'target' | 'effect' | 'bothWays'>,
  groups?: GroupHolds,
): RuleWarningCode[] {
  if (rule.effect !== 'allow') return []
  const opens = (from: Audience, to: Audience) => holdsParents(from, groups) && holdsPupils(to, groups)
  const reachesChildren =
    opens(rule.source, rule.target) || (rule.bothWays && opens(rule.target, rule.source))
  return reachesChildren ? ['parents-reach-other-children'] : []
}
