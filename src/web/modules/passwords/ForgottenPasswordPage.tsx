import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PublicPage } from '../../app/PublicPage.tsx'
import { SIGN_IN_PATH } from '../../app/sign-in-redirect.ts'
import { Alert } from '../../ui/Alert.tsx'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { Link } from '../../ui/Link.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { requestPasswordReset } from './api.ts'

const FIELDS = ['loginOrEmail'] as const

/**
 * "Mot de passe oublié": one field, then always the same neutral answer, so the page tells nobody
 * whether an account or an address exists. Pupils are told to ask their teacher.
 */
export function ForgottenPasswordPage() {
  const { t } = useTranslation()
  usePageTitle(t('passwordReset.forgottenTitle'))
  const [loginOrEmail, setLoginOrEmail] = useState('')
  const [isSubmitting, setSubmitting] = useState(false)
  const [isSent, setSent] = useState(false)
  const errors = useFormErrors(FIELDS)

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (isSubmitting) return
    setSubmitting(true)
    errors.clear()
    try {
      await requestPasswordReset(loginOrEmail.trim())
      setSent(true)
    } catch (error) {
      errors.fail(error)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <PublicPage>
      <PageHeading>{t('passwordReset.forgottenHeading')}</PageHeading>
      {isSent ? (
        <SentConfirmation />
      ) : (
        <>
          <p>{t('passwordReset.forgottenIntro')}</p>
          {errors.form && (
            <Alert tone="error" live="assertive">
              <p>{errors.form}</p>
            </Alert>
          )}
          <Form onSubmit={onSubmit} validationErrors={errors.fields}>
            <TextField
              name="loginOrEmail"
              label={t('passwordReset.loginOrEmail')}
              value={loginOrEmail}
              onChange={setLoginOrEmail}
              isRequired
              validate={(value) => (value.trim() ? null : t('passwordReset.loginOrEmailRequired'))}
              autoComplete="username"
              inputProps={{ autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false }}
            />
            <SubmitButton isSubmitting={isSubmitting} pendingLabel={t('passwordReset.sending')}>
              {t('passwordReset.send')}
            </SubmitButton>
          </Form>
        </>
      )}
      <div className="public-page__more">
        <p className="public-page__note">{t('passwordReset.pupils')}</p>
        <p className="public-page__note">{t('passwordReset.noEmail')}</p>
        <p>
          <Link href={SIGN_IN_PATH}>{t('passwordReset.backToSignIn')}</Link>
        </p>
      </div>
    </PublicPage>
  )
}

/** The neutral answer; it takes the focus, since the form it replaces had it. */
function SentConfirmation() {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert tone="success" live="polite" title={t('passwordReset.sentTitle')}>
        <p>{t('passwordReset.sent')}</p>
      </Alert>
    </div>
  )
}
