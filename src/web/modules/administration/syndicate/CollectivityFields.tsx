import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { useFormErrors } from '../../../ui/form-errors.ts'
import { TextField } from '../../../ui/TextField.tsx'
import { parsePopulation } from './collectivity-fields.ts'

/** What may be typed of a collectivity, at its creation and later (its kind and SIREN never change). */
export type CollectivityDraft = { name: string; communeCodes: string; population: string }

/**
 * The fields of a collectivity the "add" and "edit" forms share: its name, then what only the new one
 * asks (`children`: SIREN, a commune's INSEE code), the communes it covers (an EPCI's, or any once it
 * exists) and its population.
 */
export function CollectivityFields({
  draft,
  onChange,
  errors,
  hasCommuneCodes = true,
  children,
}: {
  draft: CollectivityDraft
  onChange: (change: Partial<CollectivityDraft>) => void
  errors: ReturnType<typeof useFormErrors>
  hasCommuneCodes?: boolean
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const k = 'administration.syndicate.collectivities' as const
  const set = (field: keyof CollectivityDraft) => (value: string) => onChange({ [field]: value })
  return (
    <>
      <TextField
        name="name"
        label={t(`${k}.name`)}
        value={draft.name}
        onChange={errors.changing('name', set('name'))}
        isRequired
      />
      {children}
      {hasCommuneCodes && (
        <TextField
          name="communeCodes"
          label={t(`${k}.communeCodes`)}
          description={t(`${k}.communeCodesHint`)}
          value={draft.communeCodes}
          onChange={errors.changing('communeCodes', set('communeCodes'))}
        />
      )}
      <TextField
        name="population"
        label={t(`${k}.population`)}
        description={t(`${k}.optional`)}
        value={draft.population}
        onChange={errors.changing('population', set('population'))}
        validate={(value) => (parsePopulation(value) === null ? t(`${k}.populationInvalid`) : null)}
      />
    </>
  )
}
