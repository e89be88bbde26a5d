import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Activity } from './api.ts'

export const ACTIVITY_FIELDS = [
  'purposes',
  'legalBasis',
  'dataSubjects',
  'dataCategories',
  'recipients',
  'retention',
  'securityMeasures',
] as const

/** The register's activities, each a titled card with its fields (read by everyone, kept by the syndicate). */
export function RegisterList({
  activities,
  actions,
  headingLevel = 3,
}: {
  activities: Activity[]
  /** Buttons under each activity (the syndicate's console). */
  actions?: (activity: Activity) => ReactNode
  headingLevel?: 2 | 3
}) {
  const { t } = useTranslation()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  if (activities.length === 0) return <p>{t('dataProtection.register.empty')}</p>
  return (
    <ul className="register-list">
      {activities.map((activity) => (
        <li key={activity.id} className="card register-entry">
          <Heading>{activity.name}</Heading>
          <dl>
            {ACTIVITY_FIELDS.map((field) => (
              <div key={field}>
                <dt>{t(`dataProtection.register.fields.${field}`)}</dt>
                <dd>{activity[field]}</dd>
              </div>
            ))}
          </dl>
          {actions?.(activity)}
        </li>
      ))}
    </ul>
  )
}
