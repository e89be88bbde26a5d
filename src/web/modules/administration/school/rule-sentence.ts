import type { TFunction } from 'i18next'
import type { Audience } from '../../../../contract/communication.ts'

/** Names of the school's classes and groups, by id, to say audiences in words. */
export type AudienceNames = { classes: ReadonlyMap<string, string>; groups: ReadonlyMap<string, string> }

/** A rule as stored or as about to be sent. */
export type RuleShape = { source: Audience; target: Audience; effect: 'allow' | 'deny'; bothWays: boolean }

type Role = 'subject' | 'object'

/**
 * An audience in words, as the subject of a sentence ("les parents de CE1 A") or as whom one writes to
 * ("aux parents de CE1 A"). A class or group that no longer exists is said so.
 */
function audienceWords(t: TFunction, audience: Audience, role: Role, names: AudienceNames): string {
  const base = `administration.rules.audience.${role}` as const
  switch (audience.kind) {
    case 'profile':
      return t(`${base}.profile`, { profiles: t(`administration.rules.profiles.${audience.profile}`) })
    case 'class': {
      const className = names.classes.get(audience.classId) ?? t('administration.rules.unknownClass')
      return audience.profile
        ? t(`${base}.classProfile`, {
            profiles: t(`administration.rules.profiles.${audience.profile}`),
            className,
          })
        : t(`${base}.class`, { className })
    }
    case 'group':
      return t(`${base}.group`, {
        groupName: names.groups.get(audience.groupId) ?? t('administration.rules.unknownGroup'),
      })
  }
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1)

/**
 * A rule as one plain sentence: "Les élèves de CE1 A peuvent écrire aux élèves de CM2 B, et
 * inversement." — or "ne peuvent pas écrire … ni l’inverse" for a rule that forbids.
 */
export function ruleSentence(t: TFunction, rule: RuleShape, names: AudienceNames): string {
  const source = audienceWords(t, rule.source, 'subject', names)
  const target = audienceWords(t, rule.target, 'object', names)
  const key = `${rule.effect}${rule.bothWays ? 'BothWays' : ''}` as
    | 'allow'
    | 'allowBothWays'
    | 'deny'
    | 'denyBothWays'
  return capitalise(t(`administration.rules.sentence.${key}`, { source, target }))
}

/** True when `value` looks like a stored rule (the audit trail keeps the rule's body in its details). */
export function isRuleShape(value: unknown): value is RuleShape {
  if (!value || typeof value !== 'object') return false
  const rule = value as Partial<RuleShape>
  const isAudience = (a: unknown) => Boolean(a && typeof a === 'object' && 'kind' in a)
  return (
    isAudience(rule.source) && isAudience(rule.target) && (rule.effect === 'allow' || rule.effect === 'deny')
  )
}
