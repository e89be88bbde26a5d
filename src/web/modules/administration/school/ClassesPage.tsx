import { useTranslation } from 'react-i18next'
import { CLASS_LEVELS } from '../../../../contract/structures.ts'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { Link } from '../../../ui/Link.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { AddPanel } from '../components/AddPanel.tsx'
import { useNotice } from '../components/FormParts.tsx'
import { type SchoolClass, useCreateClass, useSchoolClasses } from './api.ts'
import { ClassCard } from './ClassCard.tsx'
import { ClassForm } from './ClassForm.tsx'
import { SchoolAdminPage } from './SchoolAdminPage.tsx'

/** The classes of the school's current year: create one, change one, assign its teachers. */
export function ClassesPage() {
  const { t } = useTranslation()
  return (
    <SchoolAdminPage
      title={t('administration.school.classes.title')}
      intro={t('administration.school.classes.intro')}
    >
      {(school) => (
        <Classes schoolId={school.id} canImport={school.allowedActions.includes('imports.importPeople')} />
      )}
    </SchoolAdminPage>
  )
}

const levelRank = (klass: SchoolClass) =>
  Math.min(...klass.levels.map((level) => CLASS_LEVELS.indexOf(level)), CLASS_LEVELS.length)

/** Classes in the order of schooling (TPS first, then CP before CE1…), then by name. */
function sortByLevel(classes: SchoolClass[]): SchoolClass[] {
  return [...classes].sort((a, b) => levelRank(a) - levelRank(b) || a.name.localeCompare(b.name, 'fr'))
}

function Classes({ schoolId, canImport }: { schoolId: string; canImport: boolean }) {
  const { t } = useTranslation()
  const classes = useSchoolClasses(schoolId)
  const create = useCreateClass(schoolId)
  const { notice, say } = useNotice()
  const k = 'administration.school.classes' as const

  if (classes.isPending) return <LoadingState />
  if (classes.isError) return <ErrorMessage error={classes.error} onRetry={() => classes.refetch()} />

  const { schoolYear, allowedActions } = classes.data
  const sorted = sortByLevel(classes.data.classes)
  const canManage = allowedActions.includes('structures.manageClasses')
  return (
    <>
      {notice}
      <p className="year-line">{schoolYear ? t(`${k}.year`, { year: schoolYear }) : t(`${k}.noYear`)}</p>
      {canImport && schoolYear && (
        <p>
          {t('imports.entryHint')}{' '}
          <Link href={`/ecoles/${encodeURIComponent(schoolId)}/administration/imports`}>
            {t('imports.entry')}
          </Link>
        </p>
      )}
      {canManage && schoolYear && (
        <AddPanel label={t(`${k}.add`)} title={t(`${k}.addTitle`)}>
          {(close) => (
            <ClassForm
              submitLabel={t(`${k}.create`)}
              save={async (values) => {
                await create.mutateAsync(values)
                close()
                say(t(`${k}.created`, { name: values.name }))
              }}
              onCancel={close}
            />
          )}
        </AddPanel>
      )}
      <h2 className="list-title">{t(`${k}.listTitle`, { count: classes.data.classes.length })}</h2>
      {classes.data.classes.length === 0 ? (
        <p className="empty-state">{t(`${k}.empty`)}</p>
      ) : (
        <ul className="card-list card-list--grid">
          {sorted.map((klass) => (
            <ClassCard key={klass.id} schoolId={schoolId} klass={klass} canManage={canManage} say={say} />
          ))}
        </ul>
      )}
    </>
  )
}
