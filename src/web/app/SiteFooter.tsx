import { useTranslation } from 'react-i18next'
import { Link } from '../ui/Link.tsx'

/** Addresses of the legal pages, public and linked from the foot of every page. */
export const LEGAL_PATHS = { dataProtection: '/donnees-personnelles', charter: '/charte' } as const

/**
 * The foot of every page, signed in or not: what Préau is, and the legal pages (the data-protection
 * information must be reachable from the home page, arrêté of 30 November 2006).
 */
export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <nav aria-label={t('footer.legalNav')}>
          <ul className="site-footer__links">
            <li>
              <Link href={LEGAL_PATHS.dataProtection}>{t('footer.dataProtection')}</Link>
            </li>
            <li>
              <Link href={LEGAL_PATHS.charter}>{t('footer.charter')}</Link>
            </li>
          </ul>
        </nav>
        <p>{t('shell.footer')}</p>
      </div>
    </footer>
  )
}
