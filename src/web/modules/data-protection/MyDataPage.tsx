import { useTranslation } from 'react-i18next'
import { LEGAL_PATHS } from '../../app/SiteFooter.tsx'
import { Alert } from '../../ui/Alert.tsx'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { useMyExport, useRequestExport } from './api.ts'
import './data-protection.css'

const k = 'dataProtection.myData' as const

/**
 * « Mes données »: everything Préau holds about me, as one zip archive (data as JSON, my files),
 * prepared in the background with its progress shown, then downloadable for a week.
 */
export function MyDataPage() {
  const { t, i18n } = useTranslation()
  usePageTitle(t(`${k}.title`))
  const current = useMyExport()
  const request = useRequestExport()
  const archive = current.data?.export ?? null
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' })
  const isPreparing = archive?.status === 'queued' || archive?.status === 'running'
  const isReady =
    archive?.status === 'ready' && archive.expiresAt && Date.parse(archive.expiresAt) > Date.now()

  return (
    <div className="my-data">
      <PageHeading>{t(`${k}.title`)}</PageHeading>
      <p className="page-intro">{t(`${k}.intro`)}</p>
      <ul className="my-data__contents">
        {(t(`${k}.contents`, { returnObjects: true }) as string[]).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {current.isPending && <LoadingState />}
      {current.isError && <ErrorMessage error={current.error} onRetry={() => current.refetch()} />}
      {current.isSuccess && (
        <section className="card my-data__archive" aria-labelledby="my-data-archive">
          <h2 id="my-data-archive">{t(`${k}.archiveTitle`)}</h2>
          {isPreparing && archive && (
            <div className="my-data__progress">
              <label htmlFor="my-data-progress">{t(`${k}.preparing`)}</label>
              <progress id="my-data-progress" max={100} value={archive.progress}>
                {archive.progress} %
              </progress>
              <p role="status">{t(`${k}.progress`, { percent: archive.progress })}</p>
            </div>
          )}
          {isReady && archive && (
            <>
              <p role="status">{t(`${k}.ready`, { until: date.format(new Date(archive.expiresAt!)) })}</p>
              <p>
                <a
                  className="button button--primary"
                  href={`/api/me/data-export/${archive.id}/download`}
                  download="mes-donnees-preau.zip"
                >
                  {t(`${k}.download`)}
                </a>
              </p>
            </>
          )}
          {archive?.status === 'failed' && (
            <Alert tone="error" live="assertive">
              <p>{t(`${k}.failed`)}</p>
            </Alert>
          )}
          {!isPreparing && (
            <>
              {request.isError && <ErrorMessage error={request.error} />}
              <BusyButton
                variant={isReady ? 'secondary' : 'primary'}
                isBusy={request.isPending}
                onPress={() => request.mutate()}
              >
                {isReady ? t(`${k}.prepareAgain`) : t(`${k}.prepare`)}
              </BusyButton>
            </>
          )}
        </section>
      )}
      <p>
        <Link href={LEGAL_PATHS.dataProtection}>{t(`${k}.legalLink`)}</Link>
      </p>
    </div>
  )
}
