import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageToggle } from '../modules/auth/LanguageToggle.tsx'
import { Card } from '../ui/Card.tsx'
import { LogoMark } from '../ui/icons/Logo.tsx'
import { SiteFooter } from './SiteFooter.tsx'
import './public-page.css'

/**
 * The frame of the pages one sees before signing in (sign-in, activation, forgotten password, login
 * card): the name of Préau, one card in the middle of the screen, the other language, the legal links.
 */
export function PublicPage({ children, tagline }: { children: ReactNode; tagline?: string }) {
  const { t } = useTranslation()
  return (
    <div className="public-page">
      <main id="contenu" className="public-page__main">
        <div className="public-page__brand">
          <LogoMark size={48} />
          <p className="public-page__name">{t('app.name')}</p>
          <p className="public-page__tagline">{tagline ?? t('signIn.intro')}</p>
        </div>
        <Card className="public-page__card">{children}</Card>
        <LanguageToggle />
      </main>
      <SiteFooter />
    </div>
  )
}
