import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, useLocation } from 'react-router'
import { useMe } from '../modules/account/api.ts'
import { useRealtime } from '../modules/feed/use-realtime.ts'
import { FlashBanners } from '../modules/flash-messages/FlashBanners.tsx'
import { useCharterStatus } from '../modules/legal/api.ts'
import { CharterUpdate } from '../modules/legal/CharterUpdate.tsx'
import { usePortal } from '../modules/portal/api.ts'
import { useAppOpening } from '../modules/statistics/use-app-opening.ts'
import { Alert } from '../ui/Alert.tsx'
import { LogoMark } from '../ui/icons/Logo.tsx'
import { Link } from '../ui/Link.tsx'
import { AppLauncher } from './AppLauncher.tsx'
import { SiteFooter } from './SiteFooter.tsx'
import { UserMenu } from './UserMenu.tsx'

/**
 * The frame of every signed-in page: skip link, header (home, applications, account), the page in
 * `<main id="contenu">`, and a footer. The portal data gives the name and the applications. Until the
 * user has accepted the charter in force, its update takes the place of every page. When the session has
 * not passed the second factor that some of the person's rights need, a notice leads to it.
 */
export function Shell() {
  const { t } = useTranslation()
  const portal = usePortal()
  const charter = useCharterStatus()
  const [signOutError, setSignOutError] = useState<string | null>(null)
  const me = useMe()
  // One WebSocket per tab while signed in: what concerns the person refreshes without a reload.
  useRealtime()
  const location = useLocation()
  const here = `${location.pathname}${location.search}`
  useAppOpening(portal.data?.apps, location.pathname)
  // Rights that need the second factor wait for this session to pass it (a role granted since sign-in).
  const isPending = me.data?.secondFactorPending && !location.pathname.startsWith('/mon-compte/confirmer')

  return (
    <div className="shell">
      <a className="skip-link" href="#contenu">
        {t('shell.skipLink')}
      </a>
      <header className="shell-header">
        <div className="shell-header__inner">
          <Link href="/" className="shell-brand" aria-label={t('shell.homeLink')}>
            <LogoMark />
            <span className="shell-brand__name">{t('app.name')}</span>
          </Link>
          <div className="shell-header__tools">
            <AppLauncher apps={portal.data?.apps ?? []} />
            <UserMenu displayName={portal.data?.user.displayName} onSignOutError={setSignOutError} />
          </div>
        </div>
      </header>
      <main id="contenu" tabIndex={-1} className="shell-main">
        <FlashBanners />
        {isPending && (
          <Alert tone="info" title={t('stepUp.pendingTitle')}>
            <p>{t('stepUp.pending')}</p>
            <p>
              <Link href={`/mon-compte/confirmer?retour=${encodeURIComponent(here)}`}>
                {t('stepUp.pendingLink')}
              </Link>
            </p>
          </Alert>
        )}
        {signOutError && (
          <Alert tone="error" live="assertive">
            <p>{t('shell.signOutFailed', { detail: signOutError })}</p>
          </Alert>
        )}
        {charter.data?.mustAccept ? <CharterUpdate status={charter.data} /> : <Outlet />}
      </main>
      <SiteFooter />
    </div>
  )
}
