import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SiteFooter } from '../../app/SiteFooter.tsx'
import { LogoMark } from '../../ui/icons/Logo.tsx'
import { Link } from '../../ui/Link.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { LanguageToggle } from '../auth/LanguageToggle.tsx'
import './legal.css'

/**
 * The frame of the legal pages, readable signed in or not: a light header (Préau, back to the home page,
 * the other language), the text in a column of comfortable width, the legal links at the foot.
 */
export function LegalLayout({
  title,
  intro,
  children,
}: {
  title: string
  intro: string
  children: ReactNode
}) {
  const { t } = useTranslation()
  usePageTitle(title)
  return (
    <div className="legal">
      <a className="skip-link" href="#contenu">
        {t('shell.skipLink')}
      </a>
      <header className="shell-header">
        <div className="shell-header__inner">
          <Link href="/" className="shell-brand" aria-label={t('shell.homeLink')}>
            <LogoMark />
            <span className="shell-brand__name">{t('app.name')}</span>
          </Link>
          <LanguageToggle />
        </div>
      </header>
      <main id="contenu" tabIndex={-1} className="legal__main">
        <article className="legal__article">
          <PageHeading>{title}</PageHeading>
          <p className="page-intro">{intro}</p>
          {children}
        </article>
      </main>
      <SiteFooter />
    </div>
  )
}

/** A titled part of a legal page: its heading, paragraphs, and an optional list. */
export function LegalSection({
  id,
  title,
  paragraphs = [],
  items,
  children,
}: {
  id: string
  title: string
  paragraphs?: string[]
  items?: string[]
  children?: ReactNode
}) {
  return (
    <section className="legal__section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {paragraphs.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {items && (
        <ul className="legal__list">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
      {children}
    </section>
  )
}
