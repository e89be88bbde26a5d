import { useTranslation } from 'react-i18next'
import type { DirectoryPerson } from '../../../contract/directory.ts'
import { rolesLabel } from '../portal/labels.ts'

/** Initials for the avatar: "Marie-Anne DUPONT" gives "MD". */
function initialsOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/)
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : ''
  return ((words[0]?.[0] ?? '') + last).toLocaleUpperCase('fr')
}

/**
 * The people found: name, role in plain words ("Directeur·rice, Enseignant·e"), classes, and for a
 * parent which of them are their children.
 */
export function PersonList({
  people,
  isStale,
  childIds,
}: {
  people: DirectoryPerson[]
  isStale: boolean
  /** The user's own children, marked as such: a parent looks for them first. */
  childIds: ReadonlySet<string>
}) {
  const { t } = useTranslation()
  return (
    <ul className="person-list" aria-busy={isStale || undefined}>
      {people.map((person) => (
        <li key={person.id} className="person">
          <span className="avatar" aria-hidden="true" data-initials={initialsOf(person.displayName)} />
          <div className="person__body">
            <p className="person__name">{person.displayName}</p>
            <p className="person__role">
              {rolesLabel(t, person.profiles, person.isDirector ? ['director'] : [])}
              {childIds.has(person.id) && (
                <>
                  {' · '}
                  <span className="person__child">{t('directory.yourChild')}</span>
                </>
              )}
            </p>
            {person.classes.length > 0 && (
              <p className="person__classes">
                {t('directory.classes', { count: person.classes.length, classes: person.classes.join(', ') })}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  )
}
