import { useTranslation } from 'react-i18next'
import './loading.css'

/** A spinner drawn in CSS, decorative: the text next to it says what is happening. */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />
}

/** What a part of a page shows while its data loads: a spinner and a sentence, announced politely. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation()
  return (
    <div className="loading-state" role="status">
      <Spinner />
      <span>{label ?? t('common.loading')}</span>
    </div>
  )
}
