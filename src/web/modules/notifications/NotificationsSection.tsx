import { useTranslation } from 'react-i18next'
import { Card } from '../../ui/Card.tsx'
import { Link } from '../../ui/Link.tsx'

/** The card of « Mon compte » leading to the notification preferences. */
export function NotificationsSection() {
  const { t } = useTranslation()
  return (
    <Card as="section" aria-labelledby="account-notifications">
      <h2 id="account-notifications">{t('notifications.title')}</h2>
      <p>{t('notifications.intro')}</p>
      <p>
        <Link href="/mon-compte/notifications" appearance="button">
          {t('notifications.link')}
        </Link>
      </p>
    </Card>
  )
}
