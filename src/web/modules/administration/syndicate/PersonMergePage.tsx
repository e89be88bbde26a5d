import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../ui/Button.tsx'
import { useErrorText } from '../../../ui/ErrorMessage.tsx'
import { Spinner } from '../../../ui/LoadingState.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import { useDebounced } from '../../../ui/use-debounced.ts'
import { useNotice } from '../components/FormParts.tsx'
import { AccountComparison } from './AccountComparison.tsx'
import { type PersonSearchResults, usePeopleSearch } from './person-merge-api.ts'
import { RecentMerges } from './RecentMerges.tsx'
import { SyndicatePage } from './SyndicatePage.tsx'
import './person-merge.css'

const K = 'administration.syndicate.merge' as const
/** The server's default delay (MERGE_UNDO_DAYS); each merge says its own date. */
const UNDO_DAYS = 30

type Found = PersonSearchResults['items'][number]

/**
 * « Comptes en double »: find two accounts of one person by name, compare them side by side, merge
 * them behind a confirmation; the recent merges below, each undoable within its delay.
 */
export function PersonMergePage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage title={t(`${K}.title`)} intro={t(`${K}.intro`, { days: UNDO_DAYS })}>
      {() => <PersonMerge />}
    </SyndicatePage>
  )
}

function PersonMerge() {
  const { t } = useTranslation()
  const [chosen, setChosen] = useState<Found[]>([])
  const { notice, say } = useNotice()
  const toggle = (person: Found) =>
    setChosen((current) =>
      current.some((c) => c.id === person.id)
        ? current.filter((c) => c.id !== person.id)
        : [...current, person].slice(-2),
    )

  return (
    <>
      {notice}
      <section aria-labelledby="merge-find">
        <h2 id="merge-find">{t(`${K}.findTitle`)}</h2>
        <AccountSearch chosen={chosen} onToggle={toggle} />
        <h3 className="merge-chosen__title">{t(`${K}.chosenTitle`, { count: chosen.length })}</h3>
        {chosen.length === 0 ? (
          <p className="empty-state">{t(`${K}.noneChosen`)}</p>
        ) : (
          <ul className="row-list">
            {chosen.map((person) => (
              <li key={person.id} className="row-list__item">
                <span className="row-list__main">
                  <strong>{person.displayName}</strong>
                  <span className="row-list__meta">{person.login}</span>
                </span>
                <Button
                  variant="secondary"
                  className="button--small"
                  aria-label={t(`${K}.removeAccount`, { login: person.login })}
                  onPress={() => toggle(person)}
                >
                  {t(`${K}.remove`)}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {chosen.length === 2 && (
        <AccountComparison
          a={chosen[0]!.id}
          b={chosen[1]!.id}
          undoDays={UNDO_DAYS}
          onMerged={(merge) => {
            setChosen([])
            say(t(`${K}.merged`, { merged: merge.merged.login, kept: merge.kept.login }))
          }}
        />
      )}
      <RecentMerges say={say} />
    </>
  )
}

function AccountSearch({ chosen, onToggle }: { chosen: Found[]; onToggle: (person: Found) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [q, setQ] = useState('')
  const settled = useDebounced(q.trim())
  const search = usePeopleSearch(settled)
  const isReady = q.trim().length >= 2
  const found = isReady ? (search.data?.items ?? []) : []
  const list = (schools: string[]) => (schools.length > 0 ? schools.join(', ') : t(`${K}.noSchool`))

  return (
    <div className="person-search">
      <TextField
        label={t(`${K}.search`)}
        description={t(`${K}.searchHint`)}
        value={q}
        onChange={setQ}
        type="search"
        inputProps={{ autoCorrect: 'off', spellCheck: false }}
      />
      <div aria-live="polite" className="person-search__status">
        {isReady &&
          (search.isFetching && !search.data ? (
            <span className="person-search__loading">
              <Spinner /> {t(`${K}.searching`)}
            </span>
          ) : search.isError ? (
            errorText(search.error)
          ) : (
            t(`${K}.found`, { count: found.length })
          ))}
      </div>
      {found.length > 0 && (
        <ul className="row-list">
          {found.map((person) => {
            const isChosen = chosen.some((c) => c.id === person.id)
            return (
              <li key={person.id} className="row-list__item">
                <span className="row-list__main">
                  <strong>{person.displayName}</strong>
                  <span className="row-list__meta">
                    {person.login} · {t(person.isActivated ? `${K}.activated` : `${K}.notActivated`)} ·{' '}
                    {list(person.schools)}
                  </span>
                </span>
                {isChosen ? (
                  <span className="row-list__done">{t(`${K}.chosen`)}</span>
                ) : (
                  <Button
                    variant="secondary"
                    className="button--small"
                    aria-label={t(`${K}.chooseAccount`, { login: person.login, name: person.displayName })}
                    onPress={() => onToggle(person)}
                  >
                    {t(`${K}.choose`)}
                  </Button>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
