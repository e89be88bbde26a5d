import { useTranslation } from 'react-i18next'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { MyDataSection } from '../data-protection/MyDataSection.tsx'
import { NotificationsSection } from '../notifications/NotificationsSection.tsx'
import { ContributionsSection } from './ContributionsSection.tsx'
import { IdentitySection } from './IdentitySection.tsx'
import { SecuritySection } from './SecuritySection.tsx'
import { SessionsSection } from './SessionsSection.tsx'
import './account.css'

/** "Mon compte": who I am in Préau, the second step of sign-in, and where my account is open. */
export function AccountPage() {
  const { t } = useTranslation()
  usePageTitle(t('account.title'))
  return (
    <>
      <PageHeading>{t('account.title')}</PageHeading>
      <p className="page-intro">{t('account.intro')}</p>
      <div className="account-layout">
        <IdentitySection />
        <SecuritySection />
        <SessionsSection />
        <NotificationsSection />
        <ContributionsSection />
        <MyDataSection />
      </div>
    </>
  )
}
