import { useTranslation } from 'react-i18next'
import { Link as RouterLink, useSearchParams } from 'react-router'
import { Button } from '../../ui/Button.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { usePortal } from '../portal/api.ts'
import { useSafety, useSuspension } from './api.ts'
import { longDate } from './format.ts'
import { SanitisedHtml } from './SanitisedHtml.tsx'
import './messaging.css'

/**
 * The direction's screen: the messages reported in the school, with their context, and the accounts
 * whose sending is suspended. Suspending takes effect at the author's next send; both are audited.
 */
export function SafetyPage() {
  const { t } = useTranslation()
  usePageTitle(t('messaging.safety.title'))
  const [params] = useSearchParams()
  const schoolId = params.get('ecole') ?? ''
  const safety = useSafety(schoolId)
  const suspension = useSuspension(schoolId)
  const me = usePortal().data?.user.id
  if (safety.isPending) return <LoadingState />
  if (safety.isError) return <ErrorMessage error={safety.error} onRetry={() => safety.refetch()} />
  const { reports, suspensions } = safety.data
  return (
    <div className="messaging safety">
      <p>
        <RouterLink to="/messagerie">{t('messaging.back')}</RouterLink>
      </p>
      <PageHeading>{t('messaging.safety.title')}</PageHeading>
      {suspension.isError && (
        <p role="alert" className="field__error">
          {suspension.error.message}
        </p>
      )}
      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t('messaging.safety.reports')}</h2>
        {reports.length === 0 ? (
          <p>{t('messaging.safety.noReport')}</p>
        ) : (
          <ul className="safety__reports">
            {reports.map((report) => (
              <li key={report.id} className="safety__report">
                <h3>{report.message.subject || t('messaging.noSubject')}</h3>
                <p>
                  {t('messaging.safety.reportLine', {
                    reporter: report.reporter?.displayName ?? '—',
                    author: report.message.author?.displayName ?? '—',
                    date: longDate(report.at),
                    count: report.message.recipients,
                  })}
                </p>
                {report.reason && <p>« {report.reason} »</p>}
                <SanitisedHtml className="reading__body" html={report.message.bodyHtml} />
                {report.message.author &&
                  report.message.author.id !== me &&
                  (report.authorSuspended ? (
                    <p className="messaging__tag">{t('messaging.safety.alreadySuspended')}</p>
                  ) : (
                    <Button
                      variant="danger"
                      isPending={suspension.isPending}
                      onPress={() =>
                        suspension.mutate({
                          userId: report.message.author?.id ?? '',
                          suspend: true,
                          reason: report.reason || report.message.subject,
                        })
                      }
                    >
                      {t('messaging.safety.suspend', { name: report.message.author.displayName })}
                    </Button>
                  ))}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="suspensions-title">
        <h2 id="suspensions-title">{t('messaging.safety.suspensions')}</h2>
        {suspensions.length === 0 ? (
          <p>{t('messaging.safety.noSuspension')}</p>
        ) : (
          <ul className="safety__suspensions">
            {suspensions.map((s) => (
              <li key={s.user.id}>
                <span>
                  {t('messaging.safety.suspendedLine', {
                    name: s.user.displayName,
                    date: longDate(s.at),
                    by: s.by?.displayName ?? '—',
                  })}
                </span>{' '}
                <Button
                  isPending={suspension.isPending}
                  onPress={() => suspension.mutate({ userId: s.user.id, suspend: false })}
                >
                  {t('messaging.safety.lift', { name: s.user.displayName })}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
