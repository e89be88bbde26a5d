import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { isApiError } from '../../api/client.ts'
import { PublicPage } from '../../app/PublicPage.tsx'
import { SIGN_IN_PATH } from '../../app/sign-in-redirect.ts'
import { useFragmentParams } from '../../app/use-fragment-params.ts'
import { Alert } from '../../ui/Alert.tsx'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { Link } from '../../ui/Link.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import type { SignInPageState } from '../auth/api.ts'
import { resetPassword } from './api.ts'
import { NewPasswordFields } from './NewPasswordFields.tsx'

const FRAGMENT_KEYS = ['jeton'] as const
const FIELDS = ['password', 'passwordConfirmation'] as const
// Resets are for adults: 10 characters for parents, 12 for staff (the server knows which).
const ADULT_MIN_LENGTH = 10
const FORGOTTEN_PATH = '/mot-de-passe-oublie'

/**
 * The page the reset e-mail links to (`/mot-de-passe/nouveau#jeton=…`): a new password, twice, with
 * its rules; then the sign-in page, which confirms the change.
 */
export function NewPasswordPage() {
  const { jeton: token } = useFragmentParams(FRAGMENT_KEYS)
  // Another link opened in the same tab starts a fresh form.
  return <NewPasswordForm key={token ?? ''} token={token} />
}

/** The form for the token of one link (none: the link was cut). */
function NewPasswordForm({ token }: { token: string | undefined }) {
  const { t } = useTranslation()
  usePageTitle(t('passwordReset.newTitle'))
  const navigate = useNavigate()
  const [password, setPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [isSubmitting, setSubmitting] = useState(false)
  const [isLinkDead, setLinkDead] = useState(false)
  const errors = useFormErrors(FIELDS)

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!token || isSubmitting) return
    setSubmitting(true)
    errors.clear()
    try {
      await resetPassword({ token, password, passwordConfirmation: confirmation })
      const state: SignInPageState = { passwordChanged: true }
      await navigate(SIGN_IN_PATH, { replace: true, state })
    } catch (error) {
      setSubmitting(false)
      setLinkDead(isApiError(error, 400) && error.code === 'invalid-reset-link')
      errors.fail(error)
    }
  }

  if (!token) {
    return (
      <PublicPage>
        <PageHeading>{t('passwordReset.incompleteHeading')}</PageHeading>
        <p>{t('passwordReset.incomplete')}</p>
        <Link href={FORGOTTEN_PATH} appearance="button">
          {t('passwordReset.askAgain')}
        </Link>
      </PublicPage>
    )
  }

  return (
    <PublicPage>
      <PageHeading>{t('passwordReset.newHeading')}</PageHeading>
      <p>{t('passwordReset.newIntro')}</p>
      {errors.form && (
        <Alert tone="error" live="assertive">
          <p>{errors.form}</p>
          {isLinkDead && <Link href={FORGOTTEN_PATH}>{t('passwordReset.askAgain')}</Link>}
        </Alert>
      )}
      <Form onSubmit={onSubmit} validationErrors={errors.fields}>
        <NewPasswordFields
          password={password}
          confirmation={confirmation}
          onPasswordChange={(value) => {
            setPassword(value)
            errors.clearField('password')
          }}
          onConfirmationChange={(value) => {
            setConfirmation(value)
            errors.clearField('passwordConfirmation')
          }}
          minLength={ADULT_MIN_LENGTH}
          personal={null}
          lengthNote={t('passwordReset.lengthNote')}
        />
        <SubmitButton isSubmitting={isSubmitting} pendingLabel={t('passwordReset.saving')}>
          {t('passwordReset.save')}
        </SubmitButton>
      </Form>
    </PublicPage>
  )
}
