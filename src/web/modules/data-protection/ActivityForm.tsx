import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProcessingActivityBody } from '../../../contract/data-protection.ts'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { TextAreaField } from '../../ui/TextAreaField.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../administration/components/FormParts.tsx'
import { type Activity, useSaveActivity } from './api.ts'
import { ACTIVITY_FIELDS } from './RegisterList.tsx'

const FIELDS = ['name', ...ACTIVITY_FIELDS] as const
const EMPTY: ProcessingActivityBody = {
  name: '',
  purposes: '',
  legalBasis: '',
  dataSubjects: '',
  dataCategories: '',
  recipients: '',
  retention: '',
  securityMeasures: '',
}

/** Adds an activity to the register, or changes one (`editing`). */
export function ActivityForm({
  editing,
  onDone,
}: {
  editing: Activity | null
  onDone: (message: string) => void
}) {
  const { t } = useTranslation()
  const save = useSaveActivity()
  const errors = useFormErrors(FIELDS)
  const [values, setValues] = useState<ProcessingActivityBody>(() =>
    editing ? (Object.fromEntries(FIELDS.map((f) => [f, editing[f]])) as ProcessingActivityBody) : EMPTY,
  )
  const set = (field: keyof ProcessingActivityBody) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }))

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await save.mutateAsync({ id: editing?.id ?? null, body: values })
      onDone(
        t(editing ? 'dataProtection.register.saved' : 'dataProtection.register.added', { name: values.name }),
      )
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <TextField
        name="name"
        label={t('dataProtection.register.fields.name')}
        value={values.name}
        onChange={errors.changing('name', set('name'))}
        isRequired
      />
      {ACTIVITY_FIELDS.map((field) => (
        <TextAreaField
          key={field}
          name={field}
          label={t(`dataProtection.register.fields.${field}`)}
          value={values[field]}
          onChange={errors.changing(field, set(field))}
          isRequired
        />
      ))}
      <FormButtons
        submitLabel={t('administration.common.save')}
        isPending={save.isPending}
        onCancel={editing ? () => onDone('') : undefined}
      />
    </Form>
  )
}
