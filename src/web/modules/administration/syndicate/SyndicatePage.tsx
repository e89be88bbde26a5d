import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { ConsolePage } from '../components/ConsolePage.tsx'
import { type ConsoleRole, useConsoleRole } from './role.ts'

/**
 * The frame of a page of the syndicate console: its sections for the user's role, and a plain
 * refusal for someone who administers nothing above schools.
 */
export function SyndicatePage({
  title,
  intro,
  children,
  crumbs = [],
}: {
  title: string
  intro?: string
  children: (role: Exclude<ConsoleRole, null>) => ReactNode
  /** Pages between the console and this one (a school's page sits under "Écoles"). */
  crumbs?: { href: string; label: string }[]
}) {
  const { t } = useTranslation()
  const { role, isPending, error } = useConsoleRole()
  const sections = [
    { href: '/syndicat/membres', label: t('administration.syndicate.nav.collectivities'), only: 'syndicate' },
    { href: '/syndicat/ecoles', label: t('administration.syndicate.nav.schools'), only: null },
    { href: '/syndicat/adhesions', label: t('backOffice.nav.members'), only: null },
    { href: '/syndicat/finances', label: t('backOffice.nav.finances'), only: 'syndicate' },
    { href: '/syndicat/academie', label: t('backOffice.nav.academie'), only: 'syndicate' },
    {
      href: '/syndicat/administrateurs',
      label: t('administration.syndicate.nav.administrators'),
      only: 'syndicate',
    },
    { href: '/syndicat/annees', label: t('administration.syndicate.nav.schoolYears'), only: 'syndicate' },
    { href: '/syndicat/comptes', label: t('administration.syndicate.nav.merge'), only: null },
    { href: '/syndicat/identite', label: t('administration.syndicate.nav.identity'), only: 'syndicate' },
    { href: '/syndicat/journal', label: t('administration.syndicate.nav.audit'), only: 'syndicate' },
    { href: '/syndicat/messages-flash', label: t('flashMessages.nav'), only: null },
    { href: '/syndicat/donnees', label: t('dataProtection.register.consoleTitle'), only: 'syndicate' },
  ].filter((section) => section.only === null || section.only === role)
  const trail = [{ href: '/', label: t('common.home') }, ...crumbs]
  const area = t('administration.syndicate.area')

  return (
    <ConsolePage
      trail={trail}
      area={area}
      title={title}
      intro={intro}
      nav={{ label: t('administration.syndicate.nav.label'), sections }}
    >
      {isPending ? (
        <LoadingState />
      ) : error ? (
        <ErrorMessage error={error} />
      ) : role === null ? (
        <p>{t('administration.syndicate.notAdministrator')}</p>
      ) : (
        children(role)
      )}
    </ConsolePage>
  )
}
