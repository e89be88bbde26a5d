import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { TextAreaField } from '../../../ui/TextAreaField.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'

const FIELDS = ['name', 'description'] as const

/** A group's name and description, to create a group or change one. */
export function GroupForm({
  initial,
  submitLabel,
  save,
  onCancel,
}: {
  initial?: { name: string; description: string | null }
  submitLabel: string
  save: (values: { name: string; description?: string }) => Promise<unknown>
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const errors = useFormErrors(FIELDS)
  const [name, setName] = useState(initial?.name ?? '')
  const [description, setDescription] = useState(initial?.description ?? '')
  const [isPending, setPending] = useState(false)
  const k = 'administration.school.groups' as const

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    setPending(true)
    try {
      await save({ name: name.trim(), description: description.trim() })
    } catch (error) {
      errors.fail(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <TextField
        name="name"
        label={t(`${k}.name`)}
        description={t(`${k}.nameHint`)}
        value={name}
        onChange={errors.changing('name', setName)}
        isRequired
        validate={(value) => (value.trim() ? null : t(`${k}.nameRequired`))}
      />
      <TextAreaField
        name="description"
        label={t(`${k}.description`)}
        description={t('administration.common.optional')}
        value={description}
        onChange={errors.changing('description', setDescription)}
        maxLength={500}
      />
      <FormButtons submitLabel={submitLabel} isPending={isPending} onCancel={onCancel} />
    </Form>
  )
}
