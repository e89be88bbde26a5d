import { useTranslation } from 'react-i18next'
import { Card } from '../../ui/Card.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { formatDate, usePublicDeliberations } from './api.ts'
import './governance.css'

/** The published deliberations, readable by anyone without signing in, with their date online. */
export function PublicDeliberationsPage() {
  const { t } = useTranslation()
  usePageTitle(t('governance.public.pageTitle'))
  const list = usePublicDeliberations()
  return (
    <main className="gov-public">
      <PageHeading>{t('governance.public.heading')}</PageHeading>
      <p className="page-intro">
        {t('governance.public.introBefore')}
        <a href="/api/public/deliberations.csv">{t('governance.public.openData')}</a>
        {t('governance.public.introAfter')}
      </p>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.deliberations.length === 0 ? (
        <p>{t('governance.public.none')}</p>
      ) : (
        <ul className="gov-list">
          {list.data.deliberations.map((d) => (
            <Card as="li" key={d.id}>
              <h2>{t('governance.public.title', { number: d.number, object: d.object })}</h2>
              <p>
                {t('governance.public.meeting', { body: d.bodyName, date: formatDate(d.heldAt) })}{' '}
                {d.wording ? `${d.wording}.` : ''}
              </p>
              <p>
                {t('governance.public.online', { date: formatDate(d.publishedAt) })}
                {d.transmittedAt
                  ? t('governance.public.transmitted', { date: formatDate(d.transmittedAt) })
                  : ''}
                .
              </p>
              <a href={`/api/public/deliberations/${d.id}/extrait.pdf`}>
                {t('governance.public.extract', { number: d.number })}
              </a>
              {d.annexes.length > 0 && (
                <ul aria-label={t('governance.public.annexes', { number: d.number })}>
                  {d.annexes.map((a) => (
                    <li key={a.id}>
                      <a href={`/api/public/deliberations/${d.id}/annexes/${a.id}`}>
                        {t('governance.public.annex', { title: a.title })}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ))}
        </ul>
      )}
    </main>
  )
}
