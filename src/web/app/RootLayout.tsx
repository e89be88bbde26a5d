import { useLayoutEffect, useRef } from 'react'
import { I18nProvider, RouterProvider } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import {
  type NavigateOptions,
  Outlet,
  ScrollRestoration,
  useHref,
  useLocation,
  useNavigate,
} from 'react-router'
import { currentLanguage, LOCALES } from '../i18n/index.ts'
import { requestHeadingFocus } from '../ui/route-focus.ts'
import '../ui/tokens.css'
import '../ui/base.css'
import './layout.css'

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions
  }
}

/**
 * Above every page: React Aria's links and menus navigate through React Router, format in the
 * interface language, and each client-side navigation hands the focus to the new page's heading.
 */
export function RootLayout() {
  const navigate = useNavigate()
  // Subscribes to language changes, so React Aria gets the new locale.
  useTranslation()
  const { pathname } = useLocation()
  const previousPath = useRef(pathname)

  // A layout effect runs before the new page's passive effects, where its heading takes the focus.
  useLayoutEffect(() => {
    if (previousPath.current === pathname) return
    previousPath.current = pathname
    requestHeadingFocus()
  }, [pathname])

  return (
    <RouterProvider navigate={(path, options) => navigate(path, options)} useHref={useHref}>
      <I18nProvider locale={LOCALES[currentLanguage()]}>
        <Outlet />
        <ScrollRestoration />
      </I18nProvider>
    </RouterProvider>
  )
}
