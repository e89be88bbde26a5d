import { useTranslation } from 'react-i18next'
import type { ClassFamilies } from '../../../contract/directory.ts'
import { CallIcon, MailIcon } from '../../ui/icons/ui-icons.tsx'
import { formatPhone, telHref } from './labels.ts'

type Pupil = ClassFamilies['pupils'][number]

/** Each pupil, and under them each parent with e-mail and phone as links that open mail or call. */
export function FamilyList({ pupils }: { pupils: Pupil[] }) {
  const { t } = useTranslation()
  if (pupils.length === 0) return <p className="directory-empty">{t('directory.noPupil')}</p>
  return (
    <ul className="family-list">
      {pupils.map((pupil) => (
        <li key={pupil.id} className="family">
          <h3 className="family__pupil">{pupil.displayName}</h3>
          {pupil.parents.length === 0 ? (
            <p className="family__none">{t('directory.noParent')}</p>
          ) : (
            <ul
              className="family__parents"
              aria-label={t('directory.parentsOf', { name: pupil.displayName })}
            >
              {pupil.parents.map((parent) => (
                <li key={parent.id} className="parent">
                  <p className="parent__name">{parent.displayName}</p>
                  {parent.email && (
                    <a className="parent__contact" href={`mailto:${parent.email}`}>
                      <MailIcon />
                      <span className="visually-hidden">{t('directory.email')} </span>
                      <span>{parent.email}</span>
                    </a>
                  )}
                  {parent.phone && (
                    <a className="parent__contact" href={telHref(parent.phone)}>
                      <CallIcon />
                      <span className="visually-hidden">{t('directory.phone')} </span>
                      <span>{formatPhone(parent.phone)}</span>
                    </a>
                  )}
                  {!parent.email && !parent.phone && (
                    <p className="parent__none">{t('directory.noContact')}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  )
}
