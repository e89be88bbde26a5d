import { useTranslation } from 'react-i18next'
import type { SchoolSummary } from '../../../contract/portal.ts'
import { Card } from '../../ui/Card.tsx'
import { AppIcon } from '../../ui/icons/app-icons.tsx'
import { Link } from '../../ui/Link.tsx'
import { rolesLabel } from '../portal/labels.ts'
import '../../ui/tags.css'
import './schools.css'

/** The title over the classes of a school card, in the words of the person reading it. */
export function classesTitleKey(school: Pick<SchoolSummary, 'profiles' | 'classes'>) {
  if (school.profiles.length === 1 && school.profiles[0] === 'parent') return 'schools.classesOfChildren'
  return school.classes.length === 1 ? 'schools.myClass' : 'schools.myClasses'
}

/**
 * One school of the user: its name (a link to its page), the user's role there, and their classes
 * (a parent's are their children's). `headingLevel` keeps the outline right where the card is used.
 */
export function SchoolCard({ school, headingLevel }: { school: SchoolSummary; headingLevel: 2 | 3 }) {
  const { t } = useTranslation()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const titleId = `school-${school.id}`
  return (
    <Card as="li" className="school-card">
      <div className="school-card__head">
        <span className="school-card__icon">
          <AppIcon appId="schools" />
        </span>
        <Heading id={titleId} className="school-card__title">
          <Link href={`/ecoles/${school.id}`}>{school.name}</Link>
        </Heading>
      </div>
      <p className="school-card__role">
        <span className="label">{t('schools.roleInline')}</span>{' '}
        {rolesLabel(t, school.profiles, school.functions)}
      </p>
      {school.classes.length > 0 && (
        <div className="school-card__classes">
          <p className="label">{t(classesTitleKey(school))}</p>
          <ul className="tag-list">
            {school.classes.map((c) => (
              <li key={c.id} className="tag">
                {c.name}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  )
}
