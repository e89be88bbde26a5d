import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../ui/Alert.tsx'
import { BusyButton } from '../../../ui/BusyButton.tsx'
import { Button } from '../../../ui/Button.tsx'

/** The error of a whole form (one the server could not tie to a field), said at once. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <Alert tone="error" live="assertive">
      <p>{message}</p>
    </Alert>
  )
}

/** The buttons at the end of a form: the submit button (pending while sending) and "Annuler". */
export function FormButtons({
  submitLabel,
  isPending,
  onCancel,
}: {
  submitLabel: string
  isPending: boolean
  onCancel?: () => void
}) {
  const { t } = useTranslation()
  return (
    <div className="form-buttons">
      <BusyButton type="submit" variant="primary" isBusy={isPending}>
        {isPending ? t('administration.common.saving') : submitLabel}
      </BusyButton>
      {onCancel && (
        <Button variant="secondary" onPress={onCancel} isDisabled={isPending}>
          {t('administration.common.cancel')}
        </Button>
      )}
    </div>
  )
}

/**
 * The confirmation of the last change ("Classe créée."), in a polite live region that is always in
 * the page, so screen readers announce each new message.
 */
export function useNotice() {
  const [notice, setNotice] = useState<string | null>(null)
  const area = (
    <div role="status" className="notice-area">
      {notice && (
        <Alert tone="success">
          <p>{notice}</p>
        </Alert>
      )}
    </div>
  )
  return { notice: area, say: setNotice }
}
