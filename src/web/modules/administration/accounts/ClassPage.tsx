import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { isApiError } from '../../../api/client.ts'
import { Breadcrumbs } from '../../../ui/Breadcrumbs.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../../ui/PageHeading.tsx'
import { useSchool } from '../../schools/api.ts'
import { SchoolNotFound } from '../../schools/SchoolNotFound.tsx'
import { useNotice } from '../components/FormParts.tsx'
import '../administration.css'
import { type IssuedCode, useClassFamilies } from './api.ts'
import { ClassPupils } from './ClassPupils.tsx'
import { ConnectionSheets } from './ConnectionSheets.tsx'
import { IssuedCodeNotice } from './IssuedCodeNotice.tsx'
import { LoginCards } from './LoginCards.tsx'

/**
 * A class for its teacher (and the director): its pupils with their parents, a pupil's password reset,
 * the connection sheets to print or send, and the class login cards. Another class is "introuvable".
 */
export function ClassPage() {
  const { t } = useTranslation()
  const { schoolId = '', classId = '' } = useParams()
  const school = useSchool(schoolId)
  const families = useClassFamilies(schoolId, classId)
  const { notice, say } = useNotice()
  const [issued, setIssued] = useState<IssuedCode | null>(null)
  const className = families.data?.class.name
  usePageTitle(
    className ? t('administration.accounts.classPage.title', { name: className }) : t('common.loading'),
  )

  if (school.isPending || families.isPending) return <LoadingState />
  if (school.isError || families.isError) {
    const error = school.error ?? families.error
    if (isApiError(error, 404) || isApiError(error, 403)) return <SchoolNotFound />
    return (
      <ErrorMessage error={error} onRetry={() => (school.isError ? school.refetch() : families.refetch())} />
    )
  }

  const trail = [
    { href: '/', label: t('common.home') },
    { href: '/ecoles', label: t('schools.title') },
    { href: `/ecoles/${schoolId}`, label: school.data.name },
  ]
  const k = 'administration.accounts.classPage' as const
  return (
    <>
      <Breadcrumbs trail={trail} current={t(`${k}.title`, { name: families.data.class.name })} />
      <p className="console-area">{school.data.name}</p>
      <PageHeading>{t(`${k}.title`, { name: families.data.class.name })}</PageHeading>
      <p className="page-intro">{t(`${k}.intro`, { count: families.data.pupils.length })}</p>
      {notice}
      {issued && (
        <IssuedCodeNotice
          issued={issued}
          title={t('administration.accounts.issued.resetTitle', { name: issued.displayName })}
          onClose={() => setIssued(null)}
        />
      )}
      <div className="class-layout">
        <ClassPupils schoolId={schoolId} families={families.data} onIssued={setIssued} />
        <div className="class-layout__side">
          <ConnectionSheets schoolId={schoolId} classId={classId} say={say} />
          <LoginCards schoolId={schoolId} classId={classId} say={say} />
        </div>
      </div>
    </>
  )
}
