import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../ui/Button.tsx'
import { Card } from '../../../ui/Card.tsx'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { PlusIcon } from '../../../ui/icons/ui-icons.tsx'
import { Link } from '../../../ui/Link.tsx'
import { PersonSearch } from '../components/PersonSearch.tsx'
import { type UserDetail, useFamilyLink } from './api.ts'

/**
 * A pupil's parents, or a parent's children, in this school: each can be unlinked (after confirming),
 * and another found by name and linked. Shown for pupils and parents only.
 */
export function FamilyLinks({
  schoolId,
  user,
  say,
}: {
  schoolId: string
  user: UserDetail
  say: (notice: string) => void
}) {
  const { t } = useTranslation()
  const link = useFamilyLink(schoolId)
  const [isSearching, setSearching] = useState(false)
  const isPupil = user.profiles.includes('pupil')
  const isParent = user.profiles.includes('parent')
  if (!isPupil && !isParent) return null

  const k = 'administration.accounts.family' as const
  const relatives = isPupil ? user.parents : user.children
  const linked = new Set(relatives.map((person) => person.id))
  const canLink = user.allowedActions.includes('accounts.linkFamily') && !user.removedAt
  const pair = (otherId: string) =>
    isPupil ? { pupilId: user.id, parentId: otherId } : { pupilId: otherId, parentId: user.id }

  return (
    <Card as="section" aria-labelledby="user-family">
      <h2 id="user-family">{isPupil ? t(`${k}.parents`) : t(`${k}.children`)}</h2>
      {relatives.length === 0 ? (
        <p className="empty-state">{isPupil ? t(`${k}.noParent`) : t(`${k}.noChild`)}</p>
      ) : (
        <ul className="row-list">
          {relatives.map((person) => (
            <li key={person.id} className="row-list__item">
              <span className="row-list__main">
                <Link href={`/ecoles/${schoolId}/administration/personnes/${person.id}`}>
                  {person.displayName}
                </Link>
              </span>
              {canLink && (
                <ConfirmButton
                  className="button--small"
                  aria-label={t(`${k}.unlinkNamed`, { name: person.displayName })}
                  title={t(`${k}.unlinkTitle`)}
                  message={<p>{t(`${k}.unlinkMessage`, { a: user.displayName, b: person.displayName })}</p>}
                  confirmLabel={t(`${k}.unlinkConfirm`)}
                  onConfirm={async () => {
                    await link.mutateAsync({ ...pair(person.id), isLinked: false })
                    say(t(`${k}.unlinked`, { a: user.displayName, b: person.displayName }))
                  }}
                >
                  {t(`${k}.unlink`)}
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {canLink &&
        (isSearching ? (
          <div className="item-card__panel">
            <PersonSearch
              schoolId={schoolId}
              accountsOf={isPupil ? 'parent' : 'pupil'}
              label={isPupil ? t(`${k}.searchParent`) : t(`${k}.searchChild`)}
              pickLabel={t(`${k}.link`)}
              pickedLabel={t(`${k}.alreadyLinked`)}
              actionLabel={(person) => t(`${k}.linkNamed`, { name: person.displayName })}
              isPicked={(person) => linked.has(person.id)}
              onPick={async (person) => {
                await link.mutateAsync({ ...pair(person.id), isLinked: true })
                say(t(`${k}.linked`, { a: user.displayName, b: person.displayName }))
              }}
            />
            <Button variant="secondary" onPress={() => setSearching(false)}>
              {t('administration.school.groups.doneAdding')}
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onPress={() => setSearching(true)}>
            <PlusIcon />
            {isPupil ? t(`${k}.addParent`) : t(`${k}.addChild`)}
          </Button>
        ))}
    </Card>
  )
}
