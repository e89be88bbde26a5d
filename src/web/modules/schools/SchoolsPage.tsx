import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { usePortal } from '../portal/api.ts'
import { SchoolCard } from './SchoolCard.tsx'

/** "Mes écoles": every school of the user, from the portal data (no extra request). */
export function SchoolsPage() {
  const { t } = useTranslation()
  usePageTitle(t('schools.title'))
  const portal = usePortal()

  if (portal.isPending) return <LoadingState />
  if (portal.isError) return <ErrorMessage error={portal.error} onRetry={() => portal.refetch()} />

  const { schools } = portal.data
  return (
    <>
      <PageHeading>{t('schools.title')}</PageHeading>
      <p className="page-intro">{t('schools.intro')}</p>
      {schools.length === 0 ? (
        <p>{t('portal.noSchool')}</p>
      ) : (
        <ul className="school-list">
          {schools.map((school) => (
            <SchoolCard key={school.id} school={school} headingLevel={2} />
          ))}
        </ul>
      )}
    </>
  )
}
