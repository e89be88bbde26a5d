import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { useUnreadCounts } from '../feed/api.ts'
import { WhatsNewSection } from '../feed/WhatsNewSection.tsx'
import { SchoolCard } from '../schools/SchoolCard.tsx'
import { AppGrid } from './AppGrid.tsx'
import { usePortal } from './api.ts'
import { firstNameOf } from './labels.ts'

/** The home page: a greeting, the applications of the user's profiles, and their schools. */
export function PortalPage() {
  const { t } = useTranslation()
  usePageTitle(t('portal.title'))
  const portal = usePortal()
  const unread = useUnreadCounts()

  if (portal.isPending) return <LoadingState />
  if (portal.isError) return <ErrorMessage error={portal.error} onRetry={() => portal.refetch()} />

  const { user, apps, schools } = portal.data
  const firstName = firstNameOf(user.displayName)
  return (
    <>
      <PageHeading>
        {firstName ? t('portal.greeting', { name: firstName }) : t('portal.greetingAnonymous')}
      </PageHeading>
      <p className="page-intro">{t('portal.intro')}</p>

      <WhatsNewSection unreadTotal={unread.data?.total ?? 0} />

      <section className="page-section" aria-labelledby="portal-apps">
        <h2 id="portal-apps">{t('portal.apps')}</h2>
        <AppGrid apps={apps} unread={unread.data?.byApp ?? {}} />
      </section>

      <section className="page-section" aria-labelledby="portal-schools">
        <h2 id="portal-schools">{t('portal.schools')}</h2>
        {schools.length === 0 ? (
          <p>{t('portal.noSchool')}</p>
        ) : (
          <ul className="school-list">
            {schools.map((school) => (
              <SchoolCard key={school.id} school={school} headingLevel={3} />
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
