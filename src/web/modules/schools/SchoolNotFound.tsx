import { useTranslation } from 'react-i18next'
import { Link } from '../../ui/Link.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { Breadcrumbs } from './Breadcrumbs.tsx'

/** A school that does not exist, or not for this user (the server does not say which, on purpose). */
export function SchoolNotFound() {
  const { t } = useTranslation()
  usePageTitle(t('schools.notFoundTitle'))
  return (
    <>
      <Breadcrumbs />
      <PageHeading>{t('schools.notFoundTitle')}</PageHeading>
      <p>{t('schools.notFoundBody')}</p>
      <Link href="/ecoles" appearance="button">
        {t('schools.backToSchools')}
      </Link>
    </>
  )
}
