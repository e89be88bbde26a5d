import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotice } from '../administration/components/FormParts.tsx'
import { SchoolAdminPage } from '../administration/school/SchoolAdminPage.tsx'
import { ImportRuns } from './ImportRuns.tsx'
import { UploadForm } from './UploadForm.tsx'
import './imports.css'

const K = 'imports' as const

/**
 * « Importer depuis ONDE »: where to find the files, the form that sends them for a dry run, and the
 * school's latest imports with their state.
 */
export function ImportsPage() {
  const { t } = useTranslation()
  return (
    <SchoolAdminPage title={t(`${K}.title`)} intro={t(`${K}.intro`)}>
      {(school) => <Imports schoolId={school.id} />}
    </SchoolAdminPage>
  )
}

function Imports({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  const { notice, say } = useNotice()
  const whereId = useId()
  return (
    <>
      {notice}
      <div className="import-start">
        <section className="import-where" aria-labelledby={whereId}>
          <h2 id={whereId}>{t(`${K}.where.title`)}</h2>
          <p className="import-where__safe">{t(`${K}.where.safe`)}</p>
          <ol className="import-where__steps">
            <li>
              <strong>{t(`${K}.where.pupilsTitle`)}</strong> {t(`${K}.where.pupils`)}
            </li>
            <li>
              <strong>{t(`${K}.where.guardiansTitle`)}</strong> {t(`${K}.where.guardians`)}
            </li>
            <li>
              <strong>{t(`${K}.where.teachersTitle`)}</strong> {t(`${K}.where.teachers`)}
            </li>
          </ol>
          <p>{t(`${K}.where.again`)}</p>
        </section>
        <UploadForm schoolId={schoolId} />
      </div>
      <ImportRuns schoolId={schoolId} say={say} />
    </>
  )
}
