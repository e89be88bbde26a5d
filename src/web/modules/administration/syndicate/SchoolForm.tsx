import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isValidUai, uaiCheckLetter } from '../../../../contract/codes.ts'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { SelectField } from '../../../ui/SelectField.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { useAddSchool } from './api.ts'
import { type SchoolDraft, SchoolFields } from './SchoolFields.tsx'

const FIELDS = ['collectivityId', 'uai', 'name', 'kind', 'inseeCode', 'circonscription', 'rpi'] as const

/** A collectivity the new school may belong to, with the commune code to suggest. */
export type CollectivityChoice = { id: string; name: string; inseeCode: string | null }

/**
 * What is wrong with a UAI being typed, or null while it may still become right: 7 digits then a
 * letter, the letter being the check letter of the digits (the server checks the same way).
 */
function uaiProblem(value: string): { kind: 'format' } | { kind: 'letter'; letter: string } | null {
  const uai = value.trim().toUpperCase()
  const digits = uai.slice(0, 7)
  if (!/^[0-9]*$/.test(digits) || uai.length > 8 || (uai.length === 8 && !/[A-Z]$/.test(uai))) {
    return { kind: 'format' }
  }
  if (uai.length === 8 && !isValidUai(uai)) return { kind: 'letter', letter: uaiCheckLetter(digits) }
  return null
}

/** "Ajouter une école": its collectivity, UAI (checked as it is typed), name, kind and commune. */
export function SchoolForm({
  collectivities,
  onDone,
}: {
  collectivities: CollectivityChoice[]
  onDone: (name: string | null) => void
}) {
  const { t } = useTranslation()
  const add = useAddSchool()
  const errors = useFormErrors(FIELDS)
  const [collectivityId, setCollectivityId] = useState(
    collectivities.length === 1 ? collectivities[0]!.id : '',
  )
  const [uai, setUai] = useState('')
  const [draft, setDraft] = useState<SchoolDraft>({
    name: '',
    kind: 'elementaire',
    inseeCode: collectivities.length === 1 ? (collectivities[0]!.inseeCode ?? '') : '',
    circonscription: '',
    rpi: '',
  })
  const change = (patch: Partial<SchoolDraft>) => setDraft((current) => ({ ...current, ...patch }))
  const k = 'administration.syndicate.schools' as const

  const chooseCollectivity = (id: string) => {
    setCollectivityId(id)
    errors.clearField('collectivityId')
    const chosen = collectivities.find((c) => c.id === id)
    if (chosen?.inseeCode && !draft.inseeCode) change({ inseeCode: chosen.inseeCode })
  }

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await add.mutateAsync({
        collectivityId,
        uai: uai.trim().toUpperCase(),
        name: draft.name,
        kind: draft.kind,
        inseeCode: draft.inseeCode.trim().toUpperCase(),
        ...(draft.circonscription.trim() ? { circonscription: draft.circonscription } : {}),
        ...(draft.rpi.trim() ? { rpi: draft.rpi } : {}),
      })
      onDone(draft.name.trim())
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <SelectField
        label={t(`${k}.collectivity`)}
        value={collectivityId}
        onChange={chooseCollectivity}
        placeholder={t('administration.common.choose')}
        options={collectivities.map((c) => ({ value: c.id, label: c.name }))}
        errorMessage={errors.fields.collectivityId}
        isRequired
      />
      <TextField
        name="uai"
        label={t(`${k}.uai`)}
        description={t(`${k}.uaiHint`)}
        value={uai}
        onChange={errors.changing('uai', setUai)}
        isRequired
        maxLength={8}
        validationBehavior="aria"
        validate={(value) => {
          const problem = uaiProblem(value)
          if (!problem) return null
          return problem.kind === 'format'
            ? t(`${k}.uaiFormat`)
            : t(`${k}.uaiLetter`, { letter: problem.letter })
        }}
        inputProps={{ autoCapitalize: 'characters', autoCorrect: 'off', spellCheck: false }}
      />
      <SchoolFields draft={draft} onChange={change} errors={errors} />
      <FormButtons submitLabel={t(`${k}.add`)} isPending={add.isPending} onCancel={() => onDone(null)} />
    </Form>
  )
}
