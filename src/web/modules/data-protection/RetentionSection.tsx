import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { useRetentionPreview } from './api.ts'

const k = 'dataProtection.retention' as const

/** The dry run of tonight's retention jobs: counts only, nothing is changed by looking. */
export function RetentionSection() {
  const { t, i18n } = useTranslation()
  const preview = useRetentionPreview()
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' })
  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">{t(`${k}.title`)}</h2>
      <p>{t(`${k}.intro`)}</p>
      {preview.isPending && <LoadingState />}
      {preview.isError && <ErrorMessage error={preview.error} onRetry={() => preview.refetch()} />}
      {preview.data && (
        <dl className="fact-grid">
          <div>
            <dt>
              {t(`${k}.usageEvents`, { before: date.format(new Date(preview.data.usageEvents.before)) })}
            </dt>
            <dd>{preview.data.usageEvents.toDelete}</dd>
          </div>
          <div>
            <dt>{t(`${k}.anonymised`)}</dt>
            <dd>{preview.data.departedPeople.anonymised}</dd>
          </div>
          <div>
            <dt>{t(`${k}.deleted`)}</dt>
            <dd>{preview.data.departedPeople.deleted}</dd>
          </div>
          <div>
            <dt>{t(`${k}.cancelled`)}</dt>
            <dd>{preview.data.departedPeople.cancelled + preview.data.departedPeople.postponed}</dd>
          </div>
          <div>
            <dt>{t(`${k}.upcoming`)}</dt>
            <dd>{preview.data.departedPeople.upcoming}</dd>
          </div>
          <div>
            <dt>{t(`${k}.expiredExports`)}</dt>
            <dd>{preview.data.expiredExports}</dd>
          </div>
        </dl>
      )}
    </section>
  )
}
