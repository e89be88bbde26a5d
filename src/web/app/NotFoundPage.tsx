import { useTranslation } from 'react-i18next'
import { useLocation } from 'react-router'
import { Link } from '../ui/Link.tsx'
import { PageHeading, usePageTitle } from '../ui/PageHeading.tsx'

/** Any address the app does not know: say so plainly and offer the way home. */
export function NotFoundPage() {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  usePageTitle(t('notFound.title'))
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body', { path: pathname })}</p>
      <Link href="/" appearance="button">
        {t('notFound.back')}
      </Link>
    </>
  )
}
