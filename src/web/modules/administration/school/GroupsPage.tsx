import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { AddPanel } from '../components/AddPanel.tsx'
import { useNotice } from '../components/FormParts.tsx'
import { useCreateGroup, useSchoolGroups } from './api.ts'
import { GroupCard } from './GroupCard.tsx'
import { GroupForm } from './GroupForm.tsx'
import { SchoolAdminPage } from './SchoolAdminPage.tsx'

/** The school's manual groups (parents' representatives, an inter-class project…) and their members. */
export function GroupsPage() {
  const { t } = useTranslation()
  return (
    <SchoolAdminPage
      title={t('administration.school.groups.title')}
      intro={t('administration.school.groups.intro')}
    >
      {(school) => <Groups schoolId={school.id} />}
    </SchoolAdminPage>
  )
}

function Groups({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  const groups = useSchoolGroups(schoolId)
  const create = useCreateGroup(schoolId)
  const { notice, say } = useNotice()
  const k = 'administration.school.groups' as const

  if (groups.isPending) return <LoadingState />
  if (groups.isError) return <ErrorMessage error={groups.error} onRetry={() => groups.refetch()} />

  const canManage = groups.data.allowedActions.includes('structures.manageGroups')
  return (
    <>
      {notice}
      {canManage && (
        <AddPanel label={t(`${k}.add`)} title={t(`${k}.addTitle`)}>
          {(close) => (
            <GroupForm
              submitLabel={t(`${k}.create`)}
              save={async (values) => {
                await create.mutateAsync(values.description ? values : { name: values.name })
                close()
                say(t(`${k}.created`, { name: values.name }))
              }}
              onCancel={close}
            />
          )}
        </AddPanel>
      )}
      <h2 className="list-title">{t(`${k}.listTitle`, { count: groups.data.groups.length })}</h2>
      {groups.data.groups.length === 0 ? (
        <p className="empty-state">{t(`${k}.empty`)}</p>
      ) : (
        <ul className="card-list card-list--grid">
          {groups.data.groups.map((group) => (
            <GroupCard key={group.id} schoolId={schoolId} group={group} canManage={canManage} say={say} />
          ))}
        </ul>
      )}
    </>
  )
}
