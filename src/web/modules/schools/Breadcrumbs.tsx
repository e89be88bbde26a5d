import { useTranslation } from 'react-i18next'
import { Breadcrumbs as Trail } from '../../ui/Breadcrumbs.tsx'

/** Where a school page sits: Accueil › Mes écoles › (the school, when known: the current page). */
export function Breadcrumbs({ current }: { current?: string }) {
  const { t } = useTranslation()
  const trail = [
    { href: '/', label: t('common.home') },
    { href: '/ecoles', label: t('schools.title') },
  ]
  return <Trail trail={trail} current={current} />
}
