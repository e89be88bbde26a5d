import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ListTotal } from '../../../../contract/totals.ts'
import { BusyButton } from '../../../ui/BusyButton.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { PlusIcon } from '../../../ui/icons/ui-icons.tsx'
import { Link } from '../../../ui/Link.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { useDebounced } from '../../../ui/use-debounced.ts'
import { useSchoolClasses } from '../school/api.ts'
import { SchoolAdminPage } from '../school/SchoolAdminPage.tsx'
import { type UserFilters as Filters, type UserRow, useSchoolUsers } from './api.ts'
import { activationLabel } from './labels.ts'
import { UserFilters } from './UserFilters.tsx'

/** "Personnes": the accounts of the school, filtered and searched, page by page, with their activation. */
export function UsersPage() {
  const { t } = useTranslation()
  return (
    <SchoolAdminPage
      title={t('administration.accounts.list.title')}
      intro={t('administration.accounts.list.intro')}
    >
      {(school) => <Users schoolId={school.id} />}
    </SchoolAdminPage>
  )
}

function Users({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const [filters, setFilters] = useState<Filters>({})
  const q = useDebounced(search.trim().length >= 2 ? search.trim() : '')
  const users = useSchoolUsers(schoolId, { ...filters, ...(q ? { q } : {}) })
  const classes = useSchoolClasses(schoolId)
  const k = 'administration.accounts.list' as const
  const rows = users.data?.pages.flatMap((page) => page.users) ?? []
  const canCreate = users.data?.pages[0]?.allowedActions.includes('accounts.createUser') ?? false

  return (
    <>
      {canCreate && (
        <div className="page-actions">
          <Link href={`/ecoles/${schoolId}/administration/personnes/nouvelle`} appearance="primary">
            <PlusIcon />
            {t(`${k}.add`)}
          </Link>
        </div>
      )}
      <UserFilters
        filters={filters}
        search={search}
        onSearch={setSearch}
        onChange={setFilters}
        classes={classes.data?.classes ?? []}
      />
      {users.isPending ? (
        <LoadingState />
      ) : users.isError ? (
        <ErrorMessage error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <>
          <h2 className="list-title" aria-live="polite">
            {shownText(t, rows.length, users.hasNextPage, users.data.pages[0]?.total ?? null)}
          </h2>
          {rows.length === 0 ? (
            <p className="empty-state">{t(`${k}.empty`)}</p>
          ) : (
            <ul className="row-list user-list">
              {rows.map((user) => (
                <UserItem key={user.id} schoolId={schoolId} user={user} />
              ))}
            </ul>
          )}
          {users.hasNextPage && (
            <BusyButton
              variant="secondary"
              onPress={() => users.fetchNextPage()}
              isBusy={users.isFetchingNextPage}
            >
              {users.isFetchingNextPage ? t('common.loading') : t(`${k}.showMore`)}
            </BusyButton>
          )}
        </>
      )}
    </>
  )
}

function UserItem({ schoolId, user }: { schoolId: string; user: UserRow }) {
  const { t, i18n } = useTranslation()
  const state = activationLabel(t, user.activation.state, user.activation.codeExpiresAt, i18n.language)
  const roles = [
    ...(user.isDirector ? [t('functions.director')] : []),
    ...user.profiles.map((profile) => t(`profiles.${profile}`)),
  ].join(', ')
  const classes = user.classes.map((c) => c.name).join(', ')
  return (
    <li className="row-list__item">
      <span className="row-list__main">
        <Link href={`/ecoles/${schoolId}/administration/personnes/${user.id}`} className="user-list__name">
          {user.displayName}
        </Link>
        <span className="row-list__meta">{[user.login, roles, classes].filter(Boolean).join(' · ')}</span>
      </span>
      <span className={`state state--${state.tone}`}>{state.text}</span>
    </li>
  )
}

/** How many are listed: all of them, or those shown out of the total the first page gave. */
function shownText(t: TFunction, count: number, hasMore: boolean, total: ListTotal): string {
  const k = 'administration.accounts.list' as const
  if (!hasMore) return t(`${k}.shown`, { count })
  if (!total) return t(`${k}.shownMore`, { count })
  const counted = { shown: count, total: total.count.toLocaleString('fr-FR'), count: total.count }
  return total.atLeast ? t(`${k}.shownOfMany`, counted) : t(`${k}.shownOfTotal`, counted)
}
