import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { TextField } from '../../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { type UserDetail, useEditUser } from './api.ts'

const FIELDS = ['firstName', 'lastName', 'alias', 'email', 'phone', 'birthDate'] as const
type Field = (typeof FIELDS)[number]

/**
 * Changes a person's names, alias, contact details (adults) or birth date (pupils). Only what changed
 * is sent; an emptied optional field is cleared. The login never changes.
 */
export function UserEditForm({
  schoolId,
  user,
  onDone,
}: {
  schoolId: string
  user: UserDetail
  onDone: (saved: boolean) => void
}) {
  const { t } = useTranslation()
  const edit = useEditUser(schoolId, user.id)
  const errors = useFormErrors(FIELDS)
  const isPupil = user.profiles.includes('pupil')
  const initial: Record<Field, string> = {
    firstName: user.firstName,
    lastName: user.lastName,
    alias: user.alias ?? '',
    email: user.email ?? '',
    phone: user.phone ?? '',
    birthDate: user.birthDate ?? '',
  }
  const [values, setValues] = useState(initial)
  const k = 'administration.accounts.form' as const

  const field = (
    name: Field,
    options: { description?: string; isRequired?: boolean; type?: string } = {},
  ) => (
    <TextField
      name={name}
      label={t(`${k}.${name}`)}
      description={options.description}
      type={options.type}
      value={values[name]}
      onChange={errors.changing(name, (value: string) =>
        setValues((current) => ({ ...current, [name]: value })),
      )}
      isRequired={options.isRequired}
    />
  )

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    const patch: Record<string, string | null> = {}
    for (const name of FIELDS) {
      const value = values[name].trim()
      if (value === initial[name]) continue
      patch[name] =
        value || (name === 'firstName' || name === 'lastName' || name === 'birthDate' ? value : null)
    }
    if (Object.keys(patch).length === 0) {
      onDone(false)
      return
    }
    try {
      await edit.mutateAsync(patch)
      onDone(true)
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      {field('firstName', { isRequired: true })}
      {field('lastName', { isRequired: true })}
      {field('alias', { description: t(`${k}.aliasHint`) })}
      {isPupil ? (
        field('birthDate', { type: 'date', isRequired: true })
      ) : (
        <>
          {field('email', { type: 'email', description: t('administration.common.optional') })}
          {field('phone', { type: 'tel', description: t('administration.common.optional') })}
        </>
      )}
      <FormButtons
        submitLabel={t('administration.common.save')}
        isPending={edit.isPending}
        onCancel={() => onDone(false)}
      />
    </Form>
  )
}
