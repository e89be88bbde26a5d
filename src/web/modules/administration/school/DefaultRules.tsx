import { useTranslation } from 'react-i18next'
import { Card } from '../../../ui/Card.tsx'

const DEFAULTS = ['staff', 'pupils', 'parents', 'agents', 'others'] as const

/** The default rules of every school, in plain words, before the school's own ones. */
export function DefaultRules() {
  const { t } = useTranslation()
  const k = 'administration.rules.defaults' as const
  return (
    <Card as="section" className="default-rules" aria-labelledby="default-rules">
      <h2 id="default-rules">{t(`${k}.title`)}</h2>
      <p>{t(`${k}.intro`)}</p>
      <ul className="bullet-list">
        {DEFAULTS.map((rule) => (
          <li key={rule}>{t(`${k}.${rule}`)}</li>
        ))}
      </ul>
      <p className="default-rules__how">{t(`${k}.how`)}</p>
    </Card>
  )
}
