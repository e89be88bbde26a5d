import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { SchoolAdminPage } from '../administration/school/SchoolAdminPage.tsx'
import { useCollectivities } from '../administration/syndicate/api.ts'
import { SyndicatePage } from '../administration/syndicate/SyndicatePage.tsx'
import { FlashMessagesPanel } from './FlashMessagesPanel.tsx'

const k = 'flashMessages' as const

/** A school's flash messages, in its administration (its director, the administrators above it). */
export function SchoolFlashMessagesPage() {
  const { t } = useTranslation()
  return (
    <SchoolAdminPage title={t(`${k}.title`)} intro={t(`${k}.intro`)}>
      {(school) => (
        <FlashMessagesPanel
          base={`/api/schools/${school.id}/flash-messages`}
          scopeText={t(`${k}.scopeSchool`, { name: school.name })}
        />
      )}
    </SchoolAdminPage>
  )
}

/** The console's flash messages: the syndicate's for every school, a collectivity's for its schools. */
export function ConsoleFlashMessagesPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage title={t(`${k}.title`)} intro={t(`${k}.intro`)}>
      {(role) =>
        role === 'syndicate' ? (
          <FlashMessagesPanel base="/api/admin/flash-messages" scopeText={t(`${k}.scopeSyndicate`)} />
        ) : (
          <CollectivityPanels />
        )
      }
    </SyndicatePage>
  )
}

/** One panel per collectivity the user administers (usually one). */
function CollectivityPanels() {
  const { t } = useTranslation()
  const collectivities = useCollectivities()
  if (collectivities.isPending) return <LoadingState />
  if (collectivities.isError)
    return <ErrorMessage error={collectivities.error} onRetry={() => collectivities.refetch()} />
  return (
    <>
      {collectivities.data.map((collectivity) => (
        <FlashMessagesPanel
          key={collectivity.id}
          base={`/api/collectivities/${collectivity.id}/flash-messages`}
          scopeText={t(`${k}.scopeCollectivity`, { name: collectivity.name })}
        />
      ))}
    </>
  )
}
