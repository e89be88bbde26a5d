import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CLASS_LEVELS, type ClassLevel } from '../../../../contract/structures.ts'
import { CheckboxGroupField } from '../../../ui/ChoiceGroup.tsx'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { TextField } from '../../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'

const FIELDS = ['name', 'levels'] as const

/**
 * A class's name and levels (several for a multi-level class: "CE2-CM1"). Used to create a class and
 * to change one; `save` sends the values and throws the server's refusal, shown at its field.
 */
export function ClassForm({
  initial,
  submitLabel,
  save,
  onCancel,
}: {
  initial?: { name: string; levels: ClassLevel[] }
  submitLabel: string
  save: (values: { name: string; levels: ClassLevel[] }) => Promise<unknown>
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const errors = useFormErrors(FIELDS)
  const [name, setName] = useState(initial?.name ?? '')
  const [levels, setLevels] = useState<string[]>(initial?.levels ?? [])
  const [isPending, setPending] = useState(false)
  const [isMissingLevels, setMissingLevels] = useState(false)
  const k = 'administration.school.classes' as const

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    if (levels.length === 0) {
      setMissingLevels(true)
      return
    }
    setPending(true)
    try {
      // In the order of schooling, whatever the order they were ticked in.
      const ordered = CLASS_LEVELS.filter((level) => levels.includes(level))
      await save({ name: name.trim(), levels: ordered })
    } catch (error) {
      errors.fail(error)
    } finally {
      setPending(false)
    }
  }

  const levelsError = errors.fields.levels ?? (isMissingLevels ? t(`${k}.levelsRequired`) : null)
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
      <CheckboxGroupField
        label={t(`${k}.levels`)}
        description={t(`${k}.levelsHint`)}
        value={levels}
        onChange={(value) => {
          setLevels(value)
          setMissingLevels(false)
          errors.clearField('levels')
        }}
        choices={CLASS_LEVELS.map((level) => ({ value: level, label: t(`administration.levels.${level}`) }))}
        errorMessage={levelsError}
        isRequired
      />
      <FormButtons submitLabel={submitLabel} isPending={isPending} onCancel={onCancel} />
    </Form>
  )
}
