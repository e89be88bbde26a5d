import type { ReactNode } from 'react'
import { Breadcrumbs, type Crumb } from '../../../ui/Breadcrumbs.tsx'
import { PageHeading, usePageTitle } from '../../../ui/PageHeading.tsx'
import { type Section, SectionNav } from '../../../ui/SectionNav.tsx'
import '../administration.css'

export type ConsolePageProps = {
  /** Links to the pages above this one; the title closes the trail. */
  trail: Crumb[]
  /** The area the page belongs to ("Administration · École Jules Ferry"), above the title. */
  area: string
  title: string
  intro?: string
  /** The sections of the area, shown as a row of links under the title (hidden when only one). */
  nav?: { label: string; sections: readonly Section[] }
  children: ReactNode
}

/**
 * The frame of an administration page: breadcrumbs, the area's name, the page's one heading (which
 * takes the focus after a navigation), a sentence saying what the page is for, and the area's sections.
 */
export function ConsolePage({ trail, area, title, intro, nav, children }: ConsolePageProps) {
  usePageTitle(`${title} – ${area}`)
  return (
    <>
      <Breadcrumbs trail={trail} current={title} />
      <p className="console-area">{area}</p>
      <PageHeading>{title}</PageHeading>
      {intro && <p className="page-intro">{intro}</p>}
      {nav && nav.sections.length > 1 && <SectionNav label={nav.label} sections={nav.sections} />}
      {children}
    </>
  )
}
