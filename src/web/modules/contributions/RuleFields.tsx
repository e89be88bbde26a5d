import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../ui/TextField.tsx'
import type { RuleJson } from './api.ts'
import { type CriteriaCents, CriteriaFields, criteriaCents, criteriaText } from './CriteriaFields.tsx'

const F = 'backOffice.finances' as const

/** The state of a rule's fields, from a rule (editing, a new version) or empty (a new draft). */
export function useRuleFields(rule?: RuleJson) {
  const { t } = useTranslation()
  const [referenceOn, setReferenceOn] = useState(rule?.referenceOn ?? new Date().toISOString().slice(0, 10))
  const [criteria, setCriteria] = useState(criteriaText(rule))
  const [problem, setProblem] = useState<string | null>(null)
  /** The fields as the API takes them, or null after saying in French which one is not an amount. */
  const read = (): ({ referenceOn: string } & CriteriaCents) | null => {
    const cents = criteriaCents(criteria)
    setProblem(cents.ok ? null : t(`${F}.notAnAmount`, { field: t(`${F}.criteria.${cents.field}`) }))
    return cents.ok ? { referenceOn, ...cents.value } : null
  }
  return { referenceOn, setReferenceOn, criteria, setCriteria, problem, read }
}

/**
 * A rule's fields, the same in every form that sets them (a new draft, editing a draft, a new version
 * of an adopted rule): the reference date of the counts, the amounts per criterion with floor and cap,
 * and the fixed total to share.
 */
export function RuleFields({ fields }: { fields: ReturnType<typeof useRuleFields> }) {
  const { t } = useTranslation()
  return (
    <>
      <TextField
        name="referenceOn"
        type="date"
        label={t(`${F}.referenceOn`)}
        description={t(`${F}.referenceOnHint`)}
        value={fields.referenceOn}
        onChange={fields.setReferenceOn}
        isRequired
      />
      <CriteriaFields
        value={fields.criteria}
        onChange={(key, text) => fields.setCriteria((c) => ({ ...c, [key]: text }))}
      />
    </>
  )
}

/** The API's field names of a rule, for its French refusals to land beside the right field. */
export const RULE_FIELD_NAMES = [
  'referenceOn',
  'perMemberCents',
  'perSchoolCents',
  'perClassCents',
  'perPupilAccountCents',
  'perInhabitantCents',
  'floorCents',
  'capCents',
  'fixedTotalCents',
] as const
