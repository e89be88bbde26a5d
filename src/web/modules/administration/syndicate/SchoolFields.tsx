import { useTranslation } from 'react-i18next'
import { SCHOOL_KINDS, type SchoolKind } from '../../../../contract/structures.ts'
import { RadioGroupField } from '../../../ui/ChoiceGroup.tsx'
import type { useFormErrors } from '../../../ui/form-errors.ts'
import { TextField } from '../../../ui/TextField.tsx'

/** What may be typed of a school, at its creation and later: everything but its collectivity and UAI. */
export type SchoolDraft = {
  name: string
  kind: SchoolKind
  inseeCode: string
  circonscription: string
  rpi: string
}

/** The fields of a school the "add" and "edit" forms share, in the same order with the same hints. */
export function SchoolFields({
  draft,
  onChange,
  errors,
}: {
  draft: SchoolDraft
  onChange: (change: Partial<SchoolDraft>) => void
  errors: ReturnType<typeof useFormErrors>
}) {
  const { t } = useTranslation()
  const k = 'administration.syndicate.schools' as const
  const set =
    <F extends keyof SchoolDraft>(field: F) =>
    (value: SchoolDraft[F]) =>
      onChange({ [field]: value })
  return (
    <>
      <TextField
        name="name"
        label={t(`${k}.name`)}
        value={draft.name}
        onChange={errors.changing('name', set('name'))}
        isRequired
      />
      <RadioGroupField
        label={t(`${k}.kind`)}
        value={draft.kind}
        onChange={(value) => set('kind')(value as SchoolKind)}
        choices={SCHOOL_KINDS.map((value) => ({ value, label: t(`schoolKinds.${value}`) }))}
        errorMessage={errors.fields.kind}
        isStacked
      />
      <TextField
        name="inseeCode"
        label={t(`${k}.inseeCode`)}
        description={t(`${k}.inseeCodeHint`)}
        value={draft.inseeCode}
        onChange={errors.changing('inseeCode', set('inseeCode'))}
        isRequired
      />
      <TextField
        name="circonscription"
        label={t(`${k}.circonscription`)}
        description={t('administration.syndicate.collectivities.optional')}
        value={draft.circonscription}
        onChange={errors.changing('circonscription', set('circonscription'))}
      />
      <TextField
        name="rpi"
        label={t(`${k}.rpi`)}
        description={t(`${k}.rpiHint`)}
        value={draft.rpi}
        onChange={errors.changing('rpi', set('rpi'))}
      />
    </>
  )
}
