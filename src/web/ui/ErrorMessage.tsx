import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client.ts'
import { Alert } from './Alert.tsx'
import { Button } from './Button.tsx'

/**
 * The sentence to show for a failed call: the server's French `detail` when it sent one, else a plain
 * explanation (no connection, or an unexpected failure).
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation()
  return (error) => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('common.networkError')
      if (error.problem) return error.problem.detail
    }
    return t('common.unknownError')
  }
}

/** An error state for a part of a page that could not load, with a way to try again. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  return (
    <Alert tone="error" title={t('common.errorTitle')} live="assertive">
      <p>{errorText(error)}</p>
      {onRetry && (
        <Button variant="secondary" onPress={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  )
}
