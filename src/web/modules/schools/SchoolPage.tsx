import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { isApiError } from '../../api/client.ts'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { useSchool } from './api.ts'
import { Breadcrumbs } from './Breadcrumbs.tsx'
import { SchoolDetails } from './SchoolDetails.tsx'
import { SchoolNotFound } from './SchoolNotFound.tsx'

/** The page of one school; a school the user cannot see is "introuvable", exactly like a wrong address. */
export function SchoolPage() {
  const { schoolId = '' } = useParams()
  const school = useSchool(schoolId)

  if (school.isPending) return <LoadingState />
  if (school.isError) {
    if (isApiError(school.error, 404)) return <SchoolNotFound />
    return <SchoolError error={school.error} onRetry={() => school.refetch()} />
  }
  return <SchoolDetails school={school.data} />
}

function SchoolError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation()
  usePageTitle(t('common.errorTitle'))
  return (
    <>
      <Breadcrumbs />
      <PageHeading>{t('common.errorTitle')}</PageHeading>
      <ErrorMessage error={error} onRetry={onRetry} />
    </>
  )
}
