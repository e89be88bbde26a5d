import type { ReactNode } from 'react'
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
  usePageTitle(`${title} – Registre des délibérations`)
  return (
    <>
      <Breadcrumbs trail={[{ href: '/', label: 'Accueil' }, ...crumbs]} current={title} />
      <p className="console-area">Syndicat · Registre des délibérations</p>
      <PageHeading>{title}</PageHeading>
      {intro && <p className="page-intro">{intro}</p>}
      {children}
    </>
  )
}
