import { type ReactNode, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { takeHeadingFocus } from './route-focus.ts'

/**
 * Sets `document.title` to "<title> – Préau": the title is what screen readers announce first and what
 * a tab or a bookmark shows.
 */
export function usePageTitle(title: string): void {
  const { t } = useTranslation()
  const appName = t('app.name')
  useEffect(() => {
    document.title = title === appName ? title : `${title} – ${appName}`
  }, [title, appName])
}

/**
 * The page's one `<h1>`. After a client-side navigation it takes the focus, so screen readers read the
 * new page and keyboard users continue from its top, as after a full page load.
 */
export function PageHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (ref.current && takeHeadingFocus()) ref.current.focus()
  }, [])
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  )
}
