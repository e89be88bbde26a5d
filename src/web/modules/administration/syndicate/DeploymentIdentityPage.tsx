import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import type { DeploymentResponse } from '../../../../contract/deployment.ts'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { TextAreaField } from '../../../ui/TextAreaField.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import { useDeployment, useSaveDeploymentIdentity } from '../../legal/api.ts'
import { FormAlert, FormButtons, useNotice } from '../components/FormParts.tsx'
import { SyndicatePage } from './SyndicatePage.tsx'

const FIELDS = ['name', 'address', 'dpoName', 'dpoEmail', 'dpoAddress'] as const
// The same check as the browser's for type="email", said in French by the form (the server checks too).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * The syndicate's identity as people see it on the legal pages and at the foot of every e-mail: its
 * name and address, and how to reach its data-protection officer.
 */
export function DeploymentIdentityPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage
      title={t('administration.syndicate.identity.title')}
      intro={t('administration.syndicate.identity.intro')}
    >
      {(role) => (role === 'syndicate' ? <IdentityLoader /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

function IdentityLoader() {
  const deployment = useDeployment()
  if (deployment.isPending) return <LoadingState />
  if (deployment.isError)
    return <ErrorMessage error={deployment.error} onRetry={() => deployment.refetch()} />
  return <IdentityForm saved={deployment.data.identity} />
}

function IdentityForm({ saved }: { saved: DeploymentResponse['identity'] }) {
  const { t } = useTranslation()
  const save = useSaveDeploymentIdentity()
  const errors = useFormErrors(FIELDS)
  const { notice, say } = useNotice()
  const [name, setName] = useState(saved.name)
  const [address, setAddress] = useState(saved.address ?? '')
  const [dpoName, setDpoName] = useState(saved.dpoName ?? '')
  const [dpoEmail, setDpoEmail] = useState(saved.dpoEmail ?? '')
  const [dpoAddress, setDpoAddress] = useState(saved.dpoAddress ?? '')
  const k = 'administration.syndicate.identity' as const

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    say(null)
    try {
      await save.mutateAsync({ name, address, dpoName, dpoEmail, dpoAddress })
      say(t(`${k}.saved`))
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <>
      {notice}
      <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
        <FormAlert message={errors.form} />
        <TextField
          name="name"
          label={t(`${k}.name`)}
          value={name}
          onChange={errors.changing('name', setName)}
          isRequired
        />
        <TextAreaField
          name="address"
          label={t(`${k}.address`)}
          value={address}
          onChange={errors.changing('address', setAddress)}
        />
        <TextField
          name="dpoName"
          label={t(`${k}.dpoName`)}
          description={t(`${k}.dpoNameHint`)}
          value={dpoName}
          onChange={errors.changing('dpoName', setDpoName)}
        />
        <TextField
          name="dpoEmail"
          type="email"
          label={t(`${k}.dpoEmail`)}
          description={t(`${k}.dpoEmailHint`)}
          value={dpoEmail}
          onChange={errors.changing('dpoEmail', setDpoEmail)}
          validate={(value) => (!value.trim() || EMAIL.test(value.trim()) ? null : t(`${k}.dpoEmailInvalid`))}
          autoComplete="email"
          inputProps={{ autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false }}
        />
        <TextAreaField
          name="dpoAddress"
          label={t(`${k}.dpoAddress`)}
          value={dpoAddress}
          onChange={errors.changing('dpoAddress', setDpoAddress)}
        />
        <FormButtons submitLabel={t('administration.common.save')} isPending={save.isPending} />
      </Form>
    </>
  )
}
