import type { TFunction } from 'i18next'
import { useState } from 'react'
import { Input, Label, SearchField, Text } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import type { SchoolSummary } from '../../../contract/portal.ts'
import type { Profile } from '../../../contract/structures.ts'
import type { ListTotal } from '../../../contract/totals.ts'
import { Button } from '../../ui/Button.tsx'
import { RadioGroupField } from '../../ui/ChoiceGroup.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { SearchIcon } from '../../ui/icons/ui-icons.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { useDebounced } from '../../ui/use-debounced.ts'
import { usePeople } from './api.ts'
import { PersonList } from './PersonList.tsx'

const ALL = 'all'
const FILTERS: readonly Profile[] = ['teacher', 'staff', 'pupil', 'parent']

/**
 * Finding someone: a search field that searches as one types (after a short pause), a profile filter,
 * the people found with their role and classes, and "Afficher plus". How many were found is said in a
 * polite live region once the results arrive.
 */
export function PeopleTab({ school }: { school: SchoolSummary }) {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [profile, setProfile] = useState<string>(ALL)
  const q = useDebounced(query.trim())
  const people = usePeople(school.id, { q, profile: profile === ALL ? null : (profile as Profile) })
  // Families and pupils never reach other parents: the filter would always come back empty.
  const reachesParents =
    school.profiles.some((p) => p !== 'parent' && p !== 'pupil') || school.functions.length > 0
  const filters = FILTERS.filter((p) => p !== 'parent' || reachesParents)
  const found = people.data?.pages.flatMap((page) => page.people) ?? []
  const childIds = new Set(school.children.map((child) => child.id))

  return (
    <div className="directory-people">
      <div className="directory-filters">
        <SearchField value={query} onChange={setQuery} className="field directory-search">
          <Label className="field__label">{t('directory.search')}</Label>
          <Text slot="description" className="field__description">
            {t('directory.searchHint')}
          </Text>
          <div className="field__control">
            <SearchIcon className="directory-search__icon" />
            <Input className="field__input" autoComplete="off" spellCheck={false} />
          </div>
        </SearchField>
        <RadioGroupField
          label={t('directory.profile')}
          value={profile}
          onChange={setProfile}
          choices={[
            { value: ALL, label: t('directory.allProfiles') },
            ...filters.map((p) => ({ value: p, label: t(`directory.profiles.${p}`) })),
          ]}
        />
      </div>
      <p role="status" className="directory-count">
        {people.isSuccess && !people.isPlaceholderData
          ? countText(t, found.length, people.hasNextPage, people.data.pages[0]?.total ?? null)
          : ''}
      </p>
      {people.isPending ? (
        <LoadingState />
      ) : people.isError ? (
        <ErrorMessage error={people.error} onRetry={() => people.refetch()} />
      ) : found.length === 0 ? (
        <p className="directory-empty">{t('directory.nobodyHint')}</p>
      ) : (
        <>
          <PersonList people={found} isStale={people.isPlaceholderData} childIds={childIds} />
          {people.hasNextPage && (
            <Button
              variant="secondary"
              isPending={people.isFetchingNextPage}
              onPress={() => people.fetchNextPage()}
            >
              {t('directory.more')}
            </Button>
          )}
        </>
      )}
    </div>
  )
}

/** How many were found: all of them, or those shown out of the total the first page gave. */
function countText(t: TFunction, count: number, hasMore: boolean, total: ListTotal): string {
  if (count === 0) return t('directory.nobody')
  if (!hasMore) return t('directory.count', { count })
  if (!total) return t('directory.countMore', { count })
  const counted = { shown: count, total: total.count.toLocaleString('fr-FR'), count: total.count }
  return total.atLeast ? t('directory.countOfMany', counted) : t('directory.countOfTotal', counted)
}
