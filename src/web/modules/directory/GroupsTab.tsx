import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { useGroups } from './api.ts'
import { groupKindLabel } from './labels.ts'

/** The groups the user may write to in this school (a class's parents, the school's teachers…). */
export function GroupsTab({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  const groups = useGroups(schoolId)
  if (groups.isPending) return <LoadingState />
  if (groups.isError) return <ErrorMessage error={groups.error} onRetry={() => groups.refetch()} />
  const list = groups.data.groups
  if (list.length === 0) return <p className="directory-empty">{t('directory.noGroup')}</p>
  return (
    <>
      <p className="directory-count">{t('directory.groupCount', { count: list.length })}</p>
      <ul className="group-list">
        {list.map((group) => (
          <li key={group.id} className="group">
            <span className="group__name">{group.name}</span>
            <span className="group__meta">
              {groupKindLabel(t, group.kind)} · {t('directory.members', { count: group.size })}
            </span>
          </li>
        ))}
      </ul>
    </>
  )
}
