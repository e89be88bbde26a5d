import { useTranslation } from 'react-i18next'

/** Formats a calendar day (`yyyy-mm-dd`, no time zone) in the interface's language: « 6 janv. 2020 ». */
export function useDay(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation()
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' })
  return (iso) => (iso ? format.format(new Date(`${iso}T00:00:00Z`)) : '—')
}
