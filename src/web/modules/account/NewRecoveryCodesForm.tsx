import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.ts'
import { Alert } from '../../ui/Alert.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { regenerateRecoveryCodes } from '../second-factor/api.ts'
import { CodeField, compactCode } from '../second-factor/CodeField.tsx'

/** New recovery codes, on a current code of the authenticator app; the old ones stop working. */
export function NewRecoveryCodesForm({ onNewCodes }: { onNewCodes: (codes: string[]) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const [isSubmitting, setSubmitting] = useState(false)
  const codeRef = useRef<HTMLInputElement>(null)

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (isSubmitting) return
    setSubmitting(true)
    setCodeError(null)
    setFormError(null)
    try {
      const { recoveryCodes } = await regenerateRecoveryCodes(compactCode(code))
      onNewCodes(recoveryCodes)
    } catch (error) {
      setSubmitting(false)
      if (isApiError(error, 400)) {
        setCodeError(error.problem?.errors?.[0]?.message ?? errorText(error))
        setCode('')
        codeRef.current?.focus()
        return
      }
      setFormError(errorText(error))
    }
  }

  return (
    <section className="account-subsection" aria-labelledby="new-codes-title">
      <h3 id="new-codes-title">{t('account.newCodesTitle')}</h3>
      <p>{t('account.newCodesText')}</p>
      {formError && (
        <Alert tone="error" live="assertive">
          <p>{formError}</p>
        </Alert>
      )}
      <Form onSubmit={onSubmit} validationErrors={codeError ? { code: codeError } : {}}>
        <CodeField
          label={t('account.currentCode')}
          value={code}
          onChange={(next) => {
            setCode(next)
            setCodeError(null)
          }}
          inputRef={codeRef}
        />
        <SubmitButton
          isSubmitting={isSubmitting}
          pendingLabel={t('account.creatingCodes')}
          variant="secondary"
          isFullWidth={false}
        >
          {t('account.newCodes')}
        </SubmitButton>
      </Form>
    </section>
  )
}
