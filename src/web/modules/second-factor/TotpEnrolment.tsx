import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.ts'
import { Alert } from '../../ui/Alert.tsx'
import { ErrorMessage, useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { confirmEnrolment, type Enrolment, isChallengeExpired, startEnrolment } from './api.ts'
import { CodeField, compactCode } from './CodeField.tsx'
import { SecretKey } from './SecretKey.tsx'
import './second-factor.css'

export type TotpEnrolmentProps = {
  /** Level of the steps' headings, under the heading of the page or section around. */
  headingLevel: 2 | 3
  /** Called with the ten recovery codes once the first code is accepted. */
  onEnrolled: (recoveryCodes: string[]) => void
  /** Called when the paused sign-in behind a first enrolment ran out of time. */
  onChallengeExpired?: () => void
}

/**
 * Pairing an authenticator app, in three numbered steps: install an app, add Préau to it (QR code, a
 * link on the phone itself, or the key typed by hand), type the first code it shows.
 */
export function TotpEnrolment({ headingLevel, onEnrolled, onChallengeExpired }: TotpEnrolmentProps) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const [isSubmitting, setSubmitting] = useState(false)
  const codeRef = useRef<HTMLInputElement>(null)
  const hasStarted = useRef(false)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'

  const load = () => {
    setLoadError(null)
    startEnrolment().then(setEnrolment, (error: unknown) => {
      if (isChallengeExpired(error) && onChallengeExpired) return onChallengeExpired()
      setLoadError(error)
    })
  }

  // Each start draws a new secret: once per screen (React's development double effects included).
  useEffect(() => {
    if (hasStarted.current) return
    hasStarted.current = true
    load()
  })

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (isSubmitting) return
    setSubmitting(true)
    setCodeError(null)
    setFormError(null)
    try {
      const { recoveryCodes } = await confirmEnrolment(compactCode(code))
      onEnrolled(recoveryCodes)
    } catch (error) {
      setSubmitting(false)
      if (isChallengeExpired(error) && onChallengeExpired) return onChallengeExpired()
      if (isApiError(error, 400)) {
        setCodeError(error.problem?.errors?.[0]?.message ?? errorText(error))
        setCode('')
        codeRef.current?.focus()
        return
      }
      setFormError(errorText(error))
    }
  }

  if (loadError) return <ErrorMessage error={loadError} onRetry={load} />
  if (!enrolment) return <LoadingState label={t('enrolment.preparing')} />

  const qrCode = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrCodeSvg)}`
  return (
    <ol className="enrolment-steps">
      <li className="enrolment-step">
        <Heading className="enrolment-step__title">{t('enrolment.installTitle')}</Heading>
        <p>{t('enrolment.installText')}</p>
      </li>
      <li className="enrolment-step">
        <Heading className="enrolment-step__title">{t('enrolment.addTitle')}</Heading>
        <p>{t('enrolment.scanText')}</p>
        <img className="enrolment-qr" src={qrCode} alt={t('enrolment.qrAlt')} width={200} height={200} />
        <p className="enrolment-same-phone">
          {t('enrolment.samePhone')}{' '}
          <a href={enrolment.uri} className="link">
            {t('enrolment.openApp')}
          </a>
        </p>
        <SecretKey secret={enrolment.secret} />
      </li>
      <li className="enrolment-step">
        <Heading className="enrolment-step__title">{t('enrolment.confirmTitle')}</Heading>
        {formError && (
          <Alert tone="error" live="assertive">
            <p>{formError}</p>
          </Alert>
        )}
        <Form onSubmit={onSubmit} validationErrors={codeError ? { code: codeError } : {}}>
          <CodeField
            label={t('enrolment.codeLabel')}
            value={code}
            onChange={(next) => {
              setCode(next)
              setCodeError(null)
            }}
            inputRef={codeRef}
          />
          <SubmitButton isSubmitting={isSubmitting} pendingLabel={t('secondStep.checking')}>
            {t('enrolment.confirm')}
          </SubmitButton>
        </Form>
      </li>
    </ol>
  )
}
