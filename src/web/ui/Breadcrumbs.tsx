import { useTranslation } from 'react-i18next'
import { ChevronRightIcon } from './icons/ui-icons.tsx'
import { Link } from './Link.tsx'
import './breadcrumbs.css'

/** One step of a trail: a link to a page above the current one. */
export type Crumb = { href: string; label: string }

/**
 * Where a page sits: links to the pages above it, then the current page's name (not a link,
 * `aria-current="page"`) when given.
 */
export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current?: string }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('common.breadcrumbs')} className="breadcrumbs">
      <ol>
        {trail.map((crumb, index) => (
          <li key={crumb.href} className="breadcrumbs__item">
            <Link href={crumb.href}>{crumb.label}</Link>
            {(current || index < trail.length - 1) && <ChevronRightIcon className="breadcrumbs__separator" />}
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
