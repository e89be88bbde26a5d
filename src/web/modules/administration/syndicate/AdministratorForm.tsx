import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeploymentRole } from '../../../../contract/structures.ts'
import { RadioGroupField } from '../../../ui/ChoiceGroup.tsx'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { SelectField } from '../../../ui/SelectField.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { useCollectivities, useGrantAdministrator } from './api.ts'

const FIELDS = ['login', 'role', 'collectivityId'] as const

/** "Nommer un administrateur": an existing account (by login), of the syndicate or of one collectivity. */
export function AdministratorForm({ onDone }: { onDone: (login: string | null) => void }) {
  const { t } = useTranslation()
  const grant = useGrantAdministrator()
  const collectivities = useCollectivities()
  const errors = useFormErrors(FIELDS)
  const [login, setLogin] = useState('')
  const [role, setRole] = useState<DeploymentRole>('collectivity_admin')
  const [collectivityId, setCollectivityId] = useState('')
  const k = 'administration.syndicate.administrators' as const

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await grant.mutateAsync({
        login: login.trim(),
        role,
        ...(role === 'collectivity_admin' && collectivityId ? { collectivityId } : {}),
      })
      onDone(login.trim())
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <TextField
        name="login"
        label={t(`${k}.login`)}
        description={t(`${k}.loginHint`)}
        value={login}
        onChange={errors.changing('login', setLogin)}
        isRequired
        inputProps={{ autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false }}
      />
      <RadioGroupField
        label={t(`${k}.role`)}
        value={role}
        onChange={(value) => setRole(value as DeploymentRole)}
        choices={[
          {
            value: 'collectivity_admin',
            label: t(`${k}.roles.collectivity_admin`),
            hint: t(`${k}.collectivityHint`),
          },
          { value: 'syndicate_admin', label: t(`${k}.roles.syndicate_admin`), hint: t(`${k}.syndicateHint`) },
        ]}
        errorMessage={errors.fields.role}
        isStacked
      />
      {role === 'collectivity_admin' && (
        <SelectField
          label={t(`${k}.collectivity`)}
          value={collectivityId}
          onChange={(value) => {
            setCollectivityId(value)
            errors.clearField('collectivityId')
          }}
          placeholder={t('administration.common.choose')}
          options={(collectivities.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          errorMessage={errors.fields.collectivityId}
          isRequired
        />
      )}
      <FormButtons submitLabel={t(`${k}.add`)} isPending={grant.isPending} onCancel={() => onDone(null)} />
    </Form>
  )
}
