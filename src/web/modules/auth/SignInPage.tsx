import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate, useSearchParams } from 'react-router'
import { isApiError } from '../../api/client.ts'
import { PublicPage } from '../../app/PublicPage.tsx'
import { safeReturnPath, secondStepUrl } from '../../app/sign-in-redirect.ts'
import { Alert } from '../../ui/Alert.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { Link } from '../../ui/Link.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { PasswordField } from '../../ui/PasswordField.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { type SignInPageState, signIn, useEnterApp } from './api.ts'

type FieldErrors = Partial<Record<'login' | 'password', string>>

/**
 * Sign-in with login and password. On success the user lands on the page they wanted (`retour`), or the
 * portal; directors and administrators go through the second step first. A refusal is explained in the
 * server's words; the login typed stays in its field.
 */
export function SignInPage() {
  const { t } = useTranslation()
  usePageTitle(t('signIn.title'))
  const navigate = useNavigate()
  const enterApp = useEnterApp()
  const errorText = useErrorText()
  const [params] = useSearchParams()
  const state = useLocation().state as SignInPageState | null
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [isSubmitting, setSubmitting] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const passwordRef = useRef<HTMLInputElement>(null)
  const returnPath = safeReturnPath(params.get('retour'))
  const wantsPage = params.has('retour') && !formError && !state?.challengeExpired

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (isSubmitting) return
    setSubmitting(true)
    setFormError(null)
    setFieldErrors({})
    try {
      const result = await signIn({ login, password })
      if (result?.next) {
        await navigate(secondStepUrl(result.next, returnPath), { replace: true })
        return
      }
      await enterApp(returnPath)
    } catch (error) {
      setSubmitting(false)
      if (isApiError(error, 400) && error.problem?.errors?.length) {
        setFieldErrors(fieldErrorsOf(error.problem.errors))
        return
      }
      setFormError(errorText(error))
      if (isApiError(error, 401)) {
        setPassword('')
        passwordRef.current?.focus()
      }
    }
  }

  return (
    <PublicPage>
      <PageHeading>{t('signIn.heading')}</PageHeading>
      {!formError && <StateMessage state={state} />}
      {wantsPage && (
        <Alert tone="info">
          <p>{t('signIn.needsSignIn')}</p>
        </Alert>
      )}
      {formError && (
        <Alert tone="error" live="assertive">
          <p>{formError}</p>
        </Alert>
      )}
      <Form onSubmit={onSubmit} validationErrors={fieldErrors}>
        <TextField
          name="login"
          label={t('signIn.login')}
          description={t('signIn.loginHint')}
          value={login}
          onChange={setLogin}
          isRequired
          validate={(value) => (value.trim() ? null : t('signIn.loginRequired'))}
          autoComplete="username"
          inputProps={{ autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false }}
        />
        <PasswordField
          name="password"
          label={t('signIn.password')}
          value={password}
          onChange={setPassword}
          isRequired
          validate={(value) => (value ? null : t('signIn.passwordRequired'))}
          autoComplete="current-password"
          inputRef={passwordRef}
        />
        <SubmitButton isSubmitting={isSubmitting} pendingLabel={t('signIn.submitting')}>
          {t('signIn.submit')}
        </SubmitButton>
      </Form>
      <div className="public-page__more">
        <p>
          <Link href="/mot-de-passe-oublie">{t('signIn.forgotten')}</Link>
        </p>
        <p className="public-page__note">{t('signIn.pupilsHelp')}</p>
        <p>
          <Link href="/activation">{t('signIn.firstTime')}</Link>
        </p>
      </div>
    </PublicPage>
  )
}

/** The message that explains why the sign-in page is shown (after a sign-out, a reset…). */
function StateMessage({ state }: { state: SignInPageState | null }) {
  const { t } = useTranslation()
  if (state?.challengeExpired) {
    return (
      <Alert tone="info" live="polite">
        <p>{t('signIn.challengeExpired')}</p>
      </Alert>
    )
  }
  if (!state?.signedOut && !state?.passwordChanged) return null
  return (
    <Alert tone="success" live="polite">
      <p>{state.passwordChanged ? t('signIn.passwordChanged') : t('signIn.signedOut')}</p>
    </Alert>
  )
}

function fieldErrorsOf(errors: { path: string; message: string }[]): FieldErrors {
  const result: FieldErrors = {}
  for (const { path, message } of errors) {
    const field = path.split('.').pop()
    if (field === 'login' || field === 'password') result[field] = message
  }
  return result
}
