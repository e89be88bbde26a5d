import { useTranslation } from 'react-i18next'
import { TextField } from '../../ui/TextField.tsx'
import { centsToField, parseEuros } from './money.ts'

export const CRITERIA = [
  'perMemberCents',
  'perSchoolCents',
  'perClassCents',
  'perPupilAccountCents',
  'perInhabitantCents',
  'floorCents',
  'capCents',
  'fixedTotalCents',
] as const
export type CriterionKey = (typeof CRITERIA)[number]
export type CriteriaText = Record<CriterionKey, string>

const OPTIONAL: readonly CriterionKey[] = ['floorCents', 'capCents', 'fixedTotalCents']

export function criteriaText(rule?: Partial<Record<CriterionKey, number | null>>): CriteriaText {
  return Object.fromEntries(CRITERIA.map((key) => [key, centsToField(rule?.[key] ?? null)])) as CriteriaText
}

/**
 * The criteria in cents as the API takes them, or the first field that is not an amount (its key).
 * Empty floor, cap and fixed total mean none; an empty rate is 0.
 */
type Optional = (typeof OPTIONAL)[number] & CriterionKey
type Rates = Record<Exclude<CriterionKey, 'floorCents' | 'capCents' | 'fixedTotalCents'>, number>
export type CriteriaCents = Rates & Record<Optional, number | null>

export function criteriaCents(
  text: CriteriaText,
): { ok: true; value: CriteriaCents } | { ok: false; field: CriterionKey } {
  const value: Record<string, number | null> = {}
  for (const key of CRITERIA) {
    if (OPTIONAL.includes(key) && text[key].trim() === '') {
      value[key] = null
      continue
    }
    const cents = parseEuros(text[key])
    if (cents === null) return { ok: false, field: key }
    value[key] = cents
  }
  return { ok: true, value: value as CriteriaCents }
}

const SHARED: readonly CriterionKey[] = ['fixedTotalCents']

/** The amounts of a rule, typed in euros; then, apart, the fixed total to share if there is one. */
export function CriteriaFields({
  value,
  onChange,
}: {
  value: CriteriaText
  onChange: (key: CriterionKey, text: string) => void
}) {
  const { t } = useTranslation()
  return (
    <fieldset className="criteria-fields">
      <legend>{t('backOffice.finances.criteriaLegend')}</legend>
      <p className="field-hint">{t('backOffice.finances.criteriaHint')}</p>
      <div className="criteria-fields__grid">
        {CRITERIA.filter((key) => !SHARED.includes(key)).map((key) => (
          <TextField
            key={key}
            name={key}
            label={t(`backOffice.finances.criteria.${key}`)}
            value={value[key]}
            onChange={(text) => onChange(key, text)}
            inputMode="decimal"
          />
        ))}
      </div>
      <fieldset className="criteria-fields__shared">
        <legend>{t('backOffice.finances.fixedTotalLegend')}</legend>
        <TextField
          name="fixedTotalCents"
          label={t('backOffice.finances.criteria.fixedTotalCents')}
          description={t('backOffice.finances.fixedTotalHint')}
          value={value.fixedTotalCents}
          onChange={(text) => onChange('fixedTotalCents', text)}
          inputMode="decimal"
        />
      </fieldset>
    </fieldset>
  )
}
