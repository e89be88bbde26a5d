import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'
import { apiPost, isApiError } from '../../api/client.ts'
import { safeReturnPath } from '../../app/sign-in-redirect.ts'
import { Alert } from '../../ui/Alert.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { useSecurity } from './api.ts'
import { CodeField, compactCode } from './CodeField.tsx'
import './second-factor.css'

/** Path of the step-up page; `retour` carries the page to come back to. */
export const STEP_UP_PATH = '/mon-compte/confirmer'

/** The step-up page that brings the user back to `path` afterwards. */
export function stepUpUrlFor(path: string): string {
  return `${STEP_UP_PATH}?retour=${encodeURIComponent(path)}`
}

/**
 * Confirms the session with the code of the app, without signing in again: the rights that need the
 * second factor open (a director's, an administrator's), or a sensitive action that wants a recent code
 * is allowed; then back to the page the person was on. Without an app, the way is its activation in
 * « Mon compte », which confirms the session too.
 */
export function StepUpPage() {
  const { t } = useTranslation()
  usePageTitle(t('stepUp.title'))
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const security = useSecurity()
  const errorText = useErrorText()
  const [code, setCode] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [isSubmitting, setSubmitting] = useState(false)
  const back = safeReturnPath(params.get('retour'))

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (isSubmitting) return
    setSubmitting(true)
    setFieldError(null)
    try {
      await apiPost('/api/auth/step-up', { code: compactCode(code) })
      await queryClient.invalidateQueries()
      await navigate(back, { replace: true })
    } catch (error) {
      setSubmitting(false)
      setCode('')
      setFieldError(isApiError(error) ? errorText(error) : t('stepUp.failed'))
    }
  }

  return (
    <>
      <PageHeading>{t('stepUp.heading')}</PageHeading>
      {security.isPending ? (
        <LoadingState />
      ) : security.data?.totpEnabled ? (
        <>
          <p>{t('stepUp.intro')}</p>
          <Form onSubmit={onSubmit} validationErrors={fieldError ? { code: fieldError } : {}}>
            <CodeField
              value={code}
              onChange={(next) => {
                setCode(next)
                setFieldError(null)
              }}
            />
            <SubmitButton isSubmitting={isSubmitting} pendingLabel={t('secondStep.checking')}>
              {t('secondStep.submit')}
            </SubmitButton>
          </Form>
        </>
      ) : (
        <Alert tone="info">
          <p>{t('stepUp.enrolFirst')}</p>
          <p>
            <Link href="/mon-compte">{t('stepUp.enrolLink')}</Link>
          </p>
        </Alert>
      )}
      <p>
        <Link href={back}>{t('stepUp.cancel')}</Link>
      </p>
    </>
  )
}
