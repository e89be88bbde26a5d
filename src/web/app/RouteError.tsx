import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useRouteError } from 'react-router'
import { Alert } from '../ui/Alert.tsx'
import { Button } from '../ui/Button.tsx'

/**
 * Last resort when a page fails to render or its code cannot be downloaded (often a new version was
 * deployed meanwhile): explain, and offer to reload.
 */
export function RouteError() {
  const { t } = useTranslation()
  const error = useRouteError()
  useEffect(() => {
    console.error(error)
    document.title = `${t('common.errorTitle')} – ${t('app.name')}`
  }, [error, t])
  return (
    <main id="contenu" className="shell-main">
      <h1>{t('common.errorTitle')}</h1>
      <Alert tone="error" live="assertive">
        <p>{t('common.unknownError')}</p>
        <Button variant="primary" onPress={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      </Alert>
    </main>
  )
}
