import { useTranslation } from 'react-i18next'
import { Card } from '../../ui/Card.tsx'
import { Link } from '../../ui/Link.tsx'

/** « Mes données » in Mon compte: what it is, and the way to it. */
export function MyDataSection() {
  const { t } = useTranslation()
  return (
    <Card as="section" aria-labelledby="account-my-data">
      <h2 id="account-my-data">{t('dataProtection.myData.title')}</h2>
      <p>{t('dataProtection.myData.intro')}</p>
      <p>
        <Link href="/mes-donnees">{t('dataProtection.myData.prepare')}</Link>
      </p>
    </Card>
  )
}
