import { useTranslation } from 'react-i18next'

/** Formats an ISO instant as a date and time in the interface language (« 3 mars 2026, 14:05 »). */
export function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation()
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' })
  return (iso) => format.format(new Date(iso))
}

/** Formats a count with the interface language's grouping (« 1 247 »). */
export function useNumber(): (value: number) => string {
  const { i18n } = useTranslation()
  const format = new Intl.NumberFormat(i18n.language)
  return (value) => format.format(value)
}
