import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RadioGroupField } from '../../../ui/ChoiceGroup.tsx'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { TextField } from '../../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { type NewCollectivity, useAddCollectivity } from './api.ts'
import { type CollectivityDraft, CollectivityFields } from './CollectivityFields.tsx'
import { parseCommuneCodes, parsePopulation } from './collectivity-fields.ts'

const FIELDS = ['kind', 'name', 'siren', 'inseeCode', 'communeCodes', 'population'] as const

/** "Ajouter une collectivité": a commune (with its INSEE code) or an EPCI (with the communes it covers). */
export function CollectivityForm({ onDone }: { onDone: (name: string | null) => void }) {
  const { t } = useTranslation()
  const add = useAddCollectivity()
  const errors = useFormErrors(FIELDS)
  const [kind, setKind] = useState<'commune' | 'epci'>('commune')
  const [draft, setDraft] = useState<CollectivityDraft>({ name: '', communeCodes: '', population: '' })
  const [siren, setSiren] = useState('')
  const [inseeCode, setInseeCode] = useState('')

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    const body: NewCollectivity = { kind, name: draft.name, siren: siren.replace(/\s/g, '') }
    if (inseeCode.trim()) body.inseeCode = inseeCode
    const codes = parseCommuneCodes(draft.communeCodes)
    if (codes.length > 0) body.communeCodes = codes
    const people = parsePopulation(draft.population)
    if (typeof people === 'number') body.population = people
    try {
      await add.mutateAsync(body)
      onDone(draft.name.trim())
    } catch (error) {
      errors.fail(error)
    }
  }

  const k = 'administration.syndicate.collectivities' as const
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <RadioGroupField
        label={t(`${k}.kind`)}
        value={kind}
        onChange={(value) => setKind(value as 'commune' | 'epci')}
        choices={[
          { value: 'commune', label: t(`${k}.kinds.commune`) },
          { value: 'epci', label: t(`${k}.kinds.epci`), hint: t(`${k}.epciHint`) },
        ]}
        errorMessage={errors.fields.kind}
      />
      <CollectivityFields
        draft={draft}
        onChange={(change) => setDraft((current) => ({ ...current, ...change }))}
        errors={errors}
        hasCommuneCodes={kind === 'epci'}
      >
        <TextField
          name="siren"
          label={t(`${k}.siren`)}
          description={t(`${k}.sirenHint`)}
          value={siren}
          onChange={errors.changing('siren', setSiren)}
          isRequired
          inputProps={{ autoCorrect: 'off', spellCheck: false }}
        />
        {kind === 'commune' && (
          <TextField
            name="inseeCode"
            label={t(`${k}.inseeCode`)}
            description={t(`${k}.inseeCodeHint`)}
            value={inseeCode}
            onChange={errors.changing('inseeCode', setInseeCode)}
            isRequired
          />
        )}
      </CollectivityFields>
      <FormButtons submitLabel={t(`${k}.add`)} isPending={add.isPending} onCancel={() => onDone(null)} />
    </Form>
  )
}
