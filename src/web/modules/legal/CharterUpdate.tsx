import { useTranslation } from 'react-i18next'
import type { CharterStatusResponse } from '../../../contract/deployment.ts'
import { LEGAL_PATHS } from '../../app/SiteFooter.tsx'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Link } from '../../ui/Link.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { useAcceptCharter } from './api.ts'

/**
 * Shown instead of any page while the signed-in user has not accepted the charter in force: what
 * changed, a link to read it whole, and one button to accept. Signing out stays possible from the menu.
 */
export function CharterUpdate({ status }: { status: CharterStatusResponse }) {
  const { t, i18n } = useTranslation()
  const accept = useAcceptCharter()
  const title = t('legal.charterUpdate.title')
  usePageTitle(title)
  const publishedOn = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(status.current.publishedOn),
  )
  return (
    <div className="charter-update">
      <PageHeading>{title}</PageHeading>
      <p className="page-intro">
        {status.acceptedVersion
          ? t('legal.charterUpdate.changed', { date: publishedOn })
          : t('legal.charterUpdate.first', { date: publishedOn })}
      </p>
      <Card as="section" aria-labelledby="charter-changes">
        <h2 id="charter-changes">{t('legal.charterUpdate.whatChanged')}</h2>
        <p>{status.current.changes}</p>
        <p>
          <Link href={LEGAL_PATHS.charter}>{t('legal.charterUpdate.read')}</Link>
        </p>
      </Card>
      {accept.isError && <ErrorMessage error={accept.error} />}
      <BusyButton
        variant="primary"
        isBusy={accept.isPending}
        onPress={() => accept.mutate(status.current.version)}
      >
        {t('legal.charterUpdate.accept')}
      </BusyButton>
    </div>
  )
}
