import { z } from 'zod'
import { Profile } from './structures.ts'
import { Timestamp } from './timestamp.ts'

/**
 * Who may see and write to whom. An audience names a set of people of one school: everyone of a
 * profile, the members of a class (optionally of one profile: "parents of CE1 A"), or a manual group.
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
export const RuleParams = z.object({ schoolId: z.string(), ruleId: z.string() })
export const CreatedResponse = z.object({ id: z.uuid() })
