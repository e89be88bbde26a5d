import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import type { SchoolResponse } from '../../../../contract/portal.ts'
import { isApiError } from '../../../api/client.ts'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { useSchool } from '../../schools/api.ts'
import { SchoolNotFound } from '../../schools/SchoolNotFound.tsx'
import { ConsolePage } from '../components/ConsolePage.tsx'

/**
 * The frame of a page of a school's administration: the school (a school the user cannot see is
 * "introuvable", like a wrong address), breadcrumbs up to it, and the sections of the administration.
 */
export function SchoolAdminPage({
  title,
  intro,
  crumbs = [],
  children,
}: {
  title: string
  intro?: string
  /** Pages between the administration and this one (a person's page sits under "Personnes"). */
  crumbs?: { href: string; label: string }[]
  children: (school: SchoolResponse) => ReactNode
}) {
  const { t } = useTranslation()
  const { schoolId = '' } = useParams()
  const school = useSchool(schoolId)

  if (school.isPending) return <LoadingState />
  if (school.isError) {
    if (isApiError(school.error, 404)) return <SchoolNotFound />
    return <ErrorMessage error={school.error} onRetry={() => school.refetch()} />
  }
  const base = `/ecoles/${schoolId}/administration`
  const sections = [
    { href: base, label: t('administration.school.nav.classes'), isExact: true },
    { href: `${base}/personnes`, label: t('administration.school.nav.people') },
    { href: `${base}/groupes`, label: t('administration.school.nav.groups') },
    { href: `${base}/communication`, label: t('administration.school.nav.rules') },
    { href: `${base}/journal`, label: t('administration.school.nav.audit') },
    { href: `${base}/messages-flash`, label: t('flashMessages.nav') },
    ...(school.data.allowedActions.includes('imports.importPeople')
      ? [{ href: `${base}/imports`, label: t('imports.nav') }]
      : []),
  ]
  const trail = [
    { href: '/', label: t('common.home') },
    { href: '/ecoles', label: t('schools.title') },
    { href: `/ecoles/${schoolId}`, label: school.data.name },
    ...crumbs,
  ]
  return (
    <ConsolePage
      trail={trail}
      area={t('administration.school.area', { name: school.data.name })}
      title={title}
      intro={intro}
      nav={{ label: t('administration.school.nav.label'), sections }}
    >
      {children(school.data)}
    </ConsolePage>
  )
}
