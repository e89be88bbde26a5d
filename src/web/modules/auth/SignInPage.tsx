import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { Form } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate, useSearchParams } from 'react-router'
import { isApiError } from '../../api/client.ts'
import { safeReturnPath } from '../../app/sign-in-redirect.ts'
import { Alert } from '../../ui/Alert.tsx'
import { Button } from '../../ui/Button.tsx'
import { Card } from '../../ui/Card.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { LogoMark } from '../../ui/icons/Logo.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { PasswordField } from '../../ui/PasswordField.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { type SignInPageState, signIn } from './api.ts'
import { LanguageToggle } from './LanguageToggle.tsx'
import './sign-in.css'

type FieldErrors = Partial<Record<'login' | 'password', string>>

/**
 * Sign-in with login and password. On success the user lands on the page they wanted (`retour`), or the
 * portal. A refusal is explained in the server's words; the login typed stays in its field.
 */
export function SignInPage() {
  const { t } = useTranslation()
  usePageTitle(t('signIn.title'))
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const errorText = useErrorText()
  const [params] = useSearchParams()
  const state = useLocation().state as SignInPageState | null
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [isSubmitting, setSubmitting] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const passwordRef = useRef<HTMLInputElement>(null)
  const wantsPage = params.has('retour') && !formError

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setSubmitting(true)
    setFormError(null)
    setFieldErrors({})
    try {
      const result = await signIn({ login, password })
      if (result?.next) {
        // The second-factor screens are not in the web app yet: say so rather than loop back here.
        setSubmitting(false)
        setFormError(t('signIn.secondStepUnavailable'))
        return
      }
      queryClient.clear()
      await navigate(safeReturnPath(params.get('retour')), { replace: true })
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
    <main id="contenu" className="sign-in">
      <div className="sign-in__brand">
        <LogoMark size={48} />
        <p className="sign-in__name">{t('app.name')}</p>
        <p className="sign-in__tagline">{t('signIn.intro')}</p>
      </div>
      <Card className="sign-in__card">
        <PageHeading>{t('signIn.heading')}</PageHeading>
        {state?.signedOut && !formError && (
          <Alert tone="success" live="polite">
            <p>{t('signIn.signedOut')}</p>
          </Alert>
        )}
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
          <Button type="submit" variant="primary" isFullWidth isPending={isSubmitting}>
            {isSubmitting ? t('signIn.submitting') : t('signIn.submit')}
          </Button>
        </Form>
        <p className="sign-in__help">{t('signIn.help')}</p>
      </Card>
      <LanguageToggle />
    </main>
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
