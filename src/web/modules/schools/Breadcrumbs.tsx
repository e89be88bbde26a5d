import { useTranslation } from 'react-i18next'
import { ChevronRightIcon } from '../../ui/icons/ui-icons.tsx'
import { Link } from '../../ui/Link.tsx'
import './breadcrumbs.css'

/** Where a school page sits: Accueil › Mes écoles › (the school, when known: the current page). */
export function Breadcrumbs({ current }: { current?: string }) {
  const { t } = useTranslation()
  const crumbs = [
    { href: '/', label: t('common.home') },
    { href: '/ecoles', label: t('schools.title') },
  ]
  return (
    <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, index) => (
          <li key={crumb.href} className="breadcrumbs__item">
            <Link href={crumb.href}>{crumb.label}</Link>
            {(current || index < crumbs.length - 1) && (
              <ChevronRightIcon className="breadcrumbs__separator" />
            )}
          </li>
        ))}
        {current && (
          <li className="breadcrumbs__item">
            <span aria-current="page">{current}</span>
          </li>
        )}
      </ol>
    </nav>
  )
}
