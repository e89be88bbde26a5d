import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SCHOOL_KINDS, type SchoolKind } from '../../../../contract/structures.ts'
import { RadioGroupField } from '../../../ui/ChoiceGroup.tsx'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { TextField } from '../../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { type AdminSchoolRow, useEditSchool } from './api.ts'

const FIELDS = ['name', 'kind', 'inseeCode', 'circonscription', 'rpi'] as const

/** Changes a school's name, kind, commune, circonscription and RPI (its UAI never changes). */
export function SchoolEditForm({
  school,
  onDone,
}: {
  school: AdminSchoolRow
  onDone: (saved: boolean) => void
}) {
  const { t } = useTranslation()
  const edit = useEditSchool(school.id)
  const errors = useFormErrors(FIELDS)
  const [name, setName] = useState(school.name)
  const [kind, setKind] = useState<SchoolKind>(school.kind)
  const [inseeCode, setInseeCode] = useState(school.inseeCode)
  const [circonscription, setCirconscription] = useState(school.circonscription ?? '')
  const [rpi, setRpi] = useState(school.rpi ?? '')
  const k = 'administration.syndicate.schools' as const

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await edit.mutateAsync({ name, kind, inseeCode: inseeCode.trim().toUpperCase(), circonscription, rpi })
      onDone(true)
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <TextField
        name="name"
        label={t(`${k}.name`)}
        value={name}
        onChange={errors.changing('name', setName)}
        isRequired
      />
      <RadioGroupField
        label={t(`${k}.kind`)}
        value={kind}
        onChange={(value) => setKind(value as SchoolKind)}
        choices={SCHOOL_KINDS.map((value) => ({ value, label: t(`schoolKinds.${value}`) }))}
        errorMessage={errors.fields.kind}
        isStacked
      />
      <TextField
        name="inseeCode"
        label={t(`${k}.inseeCode`)}
        value={inseeCode}
        onChange={errors.changing('inseeCode', setInseeCode)}
        isRequired
      />
      <TextField
        name="circonscription"
        label={t(`${k}.circonscription`)}
        value={circonscription}
        onChange={errors.changing('circonscription', setCirconscription)}
      />
      <TextField
        name="rpi"
        label={t(`${k}.rpi`)}
        description={t(`${k}.rpiHint`)}
        value={rpi}
        onChange={errors.changing('rpi', setRpi)}
      />
      <FormButtons
        submitLabel={t('administration.common.save')}
        isPending={edit.isPending}
        onCancel={() => onDone(false)}
      />
    </Form>
  )
}
