import { useTranslation } from 'react-i18next'
import type { ClassFamilies } from '../../../../contract/directory.ts'
import { Card } from '../../../ui/Card.tsx'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { KeyIcon } from '../../../ui/icons/ui-icons.tsx'
import { type IssuedCode, useResetPupilPassword } from './api.ts'

/**
 * The pupils of a class, each with their parents (and how to reach them), and "Réinitialiser le mot de
 * passe" for a pupil who forgot theirs: after confirming, a new activation code to give them.
 */
export function ClassPupils({
  schoolId,
  families,
  onIssued,
}: {
  schoolId: string
  families: ClassFamilies
  onIssued: (issued: IssuedCode) => void
}) {
  const { t } = useTranslation()
  const reset = useResetPupilPassword(schoolId)
  const k = 'administration.accounts.classPage' as const

  return (
    <Card as="section" aria-labelledby="class-pupils">
      <h2 id="class-pupils">{t(`${k}.pupils`, { count: families.pupils.length })}</h2>
      {families.pupils.length === 0 ? (
        <p className="empty-state">{t(`${k}.noPupil`)}</p>
      ) : (
        <ul className="row-list">
          {families.pupils.map((pupil) => (
            <li key={pupil.id} className="row-list__item">
              <div className="row-list__main">
                <strong>{pupil.displayName}</strong>
                {pupil.parents.length === 0 ? (
                  <span className="row-list__meta">{t(`${k}.noParent`)}</span>
                ) : (
                  <ul
                    className="row-list__meta parent-list"
                    aria-label={t(`${k}.parentsOf`, { name: pupil.displayName })}
                  >
                    {pupil.parents.map((parent) => (
                      <li key={parent.id}>
                        {[parent.displayName, parent.phone, parent.email].filter(Boolean).join(' · ')}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <ConfirmButton
                variant="secondary"
                className="button--small"
                aria-label={t(`${k}.resetNamed`, { name: pupil.displayName })}
                title={t(`${k}.resetTitle`, { name: pupil.displayName })}
                message={<p>{t(`${k}.resetMessage`)}</p>}
                confirmLabel={t(`${k}.resetConfirm`)}
                onConfirm={async () => onIssued(await reset.mutateAsync(pupil.id))}
              >
                <KeyIcon />
                {t(`${k}.reset`)}
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
