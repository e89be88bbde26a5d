import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { isApiError } from '../../api/client.ts'
import { PublicPage } from '../../app/PublicPage.tsx'
import { SIGN_IN_PATH, safeReturnPath } from '../../app/sign-in-redirect.ts'
import { Alert } from '../../ui/Alert.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { Link } from '../../ui/Link.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { TextButton } from '../../ui/TextButton.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { useEnterApp } from '../auth/api.ts'
import { isChallengeExpired, useRestartSignIn, verifySecondStep } from './api.ts'
import { CodeField, compactCode } from './CodeField.tsx'
import './second-factor.css'

type Mode = 'app' | 'recovery'

/**
 * The second step of sign-in: the 6-digit code of the authenticator app, or, when the phone is not at
 * hand, one of the recovery codes. A wrong code is said at the field; a sign-in paused for too long
 * sends back to the form, which explains why.
 */
export function TotpCodePage() {
  const { t } = useTranslation()
  usePageTitle(t('secondStep.title'))
  const [params] = useSearchParams()
  const enterApp = useEnterApp()
  const restart = useRestartSignIn()
  const errorText = useErrorText()
  // Too many wrong codes: the app's codes are refused, a recovery code (or an administrator) is the way in.
  const [isLocked, setLocked] = useState(params.get('bloque') === '1')
  const [mode, setMode] = useState<Mode>(isLocked ? 'recovery' : 'app')
  const [value, setValue] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const [isSubmitting, setSubmitting] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)

  const switchMode = () => {
    setMode(mode === 'app' ? 'recovery' : 'app')
    setValue('')
    setFieldError(null)
    setFormError(null)
    // The other field replaces this one: the focus goes into it, not back to the top of the page.
    requestAnimationFrame(() => inputRef.current?.focus())
  }

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (isSubmitting) return
    setSubmitting(true)
    setFieldError(null)
    setFormError(null)
    try {
      await verifySecondStep(mode === 'app' ? { code: compactCode(value) } : { recoveryCode: value.trim() })
      await enterApp(safeReturnPath(params.get('retour')))
    } catch (error) {
      setSubmitting(false)
      if (isChallengeExpired(error)) return restart()
      if (isApiError(error, 403) && error.code === 'second-factor-locked') {
        setLocked(true)
        setMode('recovery')
        setValue('')
        requestAnimationFrame(() => inputRef.current?.focus())
        return
      }
      if (isApiError(error, 401) || isApiError(error, 400)) {
        setFieldError(error.problem?.errors?.[0]?.message ?? errorText(error))
        setValue('')
        inputRef.current?.focus()
        return
      }
      setFormError(errorText(error))
    }
  }

  const fieldProps = {
    value,
    onChange: (next: string) => {
      setValue(next)
      setFieldError(null)
    },
    inputRef,
  }
  const fieldName = mode === 'app' ? 'code' : 'recoveryCode'

  return (
    <PublicPage>
      <PageHeading>{t('secondStep.heading')}</PageHeading>
      {isLocked && (
        <Alert tone="error" live="polite">
          <p>{t('secondStep.locked')}</p>
        </Alert>
      )}
      <p>{mode === 'app' ? t('secondStep.introApp') : t('secondStep.introRecovery')}</p>
      {formError && (
        <Alert tone="error" live="assertive">
          <p>{formError}</p>
        </Alert>
      )}
      <Form onSubmit={onSubmit} validationErrors={fieldError ? { [fieldName]: fieldError } : {}}>
        {mode === 'app' ? (
          <CodeField key="app" {...fieldProps} />
        ) : (
          <TextField
            key="recovery"
            name="recoveryCode"
            label={t('secondStep.recoveryLabel')}
            description={t('secondStep.recoveryHint')}
            isRequired
            validate={(typed) => (typed.trim() ? null : t('secondStep.recoveryRequired'))}
            autoComplete="off"
            inputProps={{ autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false }}
            className="code-field"
            {...fieldProps}
          />
        )}
        <SubmitButton isSubmitting={isSubmitting} pendingLabel={t('secondStep.checking')}>
          {t('secondStep.submit')}
        </SubmitButton>
      </Form>
      <div className="public-page__more">
        {!isLocked && (
          <p>
            <TextButton onPress={switchMode}>
              {mode === 'app' ? t('secondStep.useRecovery') : t('secondStep.useApp')}
            </TextButton>
          </p>
        )}
        {mode === 'recovery' && <p className="public-page__note">{t('secondStep.noCodesLeft')}</p>}
        <p>
          <Link href={SIGN_IN_PATH}>{t('secondStep.cancel')}</Link>
        </p>
      </div>
    </PublicPage>
  )
}
