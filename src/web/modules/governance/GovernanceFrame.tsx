import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs, type Crumb } from '../../ui/Breadcrumbs.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import './governance.css'

/** The frame of the register's pages: breadcrumbs, the area, the page's one heading, its purpose. */
export function GovernanceFrame({
  title,
  intro,
  crumbs = [],
  children,
}: {
  title: string
  intro?: string
  crumbs?: Crumb[]
  children: ReactNode
}) {
  const { t } = useTranslation()
  usePageTitle(t('governance.frame.pageTitle', { title }))
  return (
    <>
      <Breadcrumbs trail={[{ href: '/', label: t('governance.frame.home') }, ...crumbs]} current={title} />
      <p className="console-area">{t('governance.frame.area')}</p>
      <PageHeading>{title}</PageHeading>
      {intro && <p className="page-intro">{intro}</p>}
      {children}
    </>
  )
}
