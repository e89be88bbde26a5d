import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { DirectoryPerson } from '../../../../contract/directory.ts'
import type { Profile } from '../../../../contract/structures.ts'
import { BusyButton } from '../../../ui/BusyButton.tsx'
import { useErrorText } from '../../../ui/ErrorMessage.tsx'
import { Spinner } from '../../../ui/LoadingState.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import { useDebounced } from '../../../ui/use-debounced.ts'
import { useSchoolUsers } from '../accounts/api.ts'
import { useDirectorySearch } from '../school/api.ts'

/** Someone found: their name, and what they are in the school (profiles, director, classes). */
type FoundPerson = z.input<typeof DirectoryPerson>

/**
 * A search for people of the school (from two letters: first name or last name, accents ignored),
 * each person found with a button to pick them ("Ajouter"); those already picked say so instead. It
 * searches the directory (whom the user may reach), or the school's accounts of one profile (for its
 * administrators: a parent to link to a pupil).
 */
export function PersonSearch({
  schoolId,
  label,
  actionLabel,
  isPicked,
  onPick,
  pickLabel,
  pickedLabel,
  accountsOf,
}: {
  schoolId: string
  label: string
  /** The button's accessible name for one person: "Ajouter Léa MARTIN au groupe". */
  actionLabel: (person: FoundPerson) => string
  isPicked: (person: FoundPerson) => boolean
  onPick: (person: FoundPerson) => Promise<void>
  /** The button's visible word (default "Ajouter"). */
  pickLabel?: string
  /** What is said instead of the button for someone already picked (default "Déjà membre"). */
  pickedLabel?: string
  /** Search the school's accounts of this profile instead of the directory. */
  accountsOf?: Profile
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [q, setQ] = useState('')
  const settled = useDebounced(q.trim())
  const isReady = settled.length >= 2
  const directory = useDirectorySearch(schoolId, accountsOf ? '' : settled)
  const accounts = useSchoolUsers(
    schoolId,
    { q: settled, profile: accountsOf },
    Boolean(accountsOf) && isReady,
  )
  const search = accountsOf ? accounts : directory
  const found: FoundPerson[] = accountsOf
    ? (accounts.data?.pages[0]?.users ?? []).map((user) => ({
        ...user,
        classes: user.classes.map((c) => c.name),
      }))
    : (directory.data?.people ?? [])
  const [pending, setPending] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const k = 'administration.people' as const
  const people = q.trim().length >= 2 ? found : []

  const pick = async (person: FoundPerson) => {
    setPending(person.id)
    setError(null)
    try {
      await onPick(person)
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setPending(null)
    }
  }

  const describe = (person: FoundPerson) =>
    [
      ...(person.isDirector ? [t('functions.director')] : []),
      ...person.profiles.map((profile) => t(`profiles.${profile}`)),
      ...person.classes,
    ].join(' · ')

  return (
    <div className="person-search">
      <TextField
        label={label}
        description={t(`${k}.searchHint`)}
        value={q}
        onChange={setQ}
        type="search"
        inputProps={{ autoCorrect: 'off', spellCheck: false }}
        // Enter searches nothing more: it must not submit a form around the search.
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault()
        }}
      />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite" className="person-search__status">
        {q.trim().length >= 2 &&
          (search.isFetching && !search.data ? (
            <span className="person-search__loading">
              <Spinner /> {t(`${k}.searching`)}
            </span>
          ) : search.isError ? (
            errorText(search.error)
          ) : (
            t(`${k}.found`, { count: people.length })
          ))}
      </div>
      {people.length > 0 && (
        <ul className="row-list">
          {people.map((person) => (
            <li key={person.id} className="row-list__item">
              <span className="row-list__main">
                <strong>{person.displayName}</strong>
                <span className="row-list__meta">{describe(person)}</span>
              </span>
              {isPicked(person) ? (
                <span className="row-list__done">{pickedLabel ?? t(`${k}.alreadyIn`)}</span>
              ) : (
                <BusyButton
                  variant="secondary"
                  className="button--small"
                  aria-label={actionLabel(person)}
                  onPress={() => pick(person)}
                  isBusy={pending === person.id}
                >
                  {pickLabel ?? t(`${k}.add`)}
                </BusyButton>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
