import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Card } from '../../ui/Card.tsx'
import { ErrorMessage, useErrorText } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { Switch } from '../../ui/Switch.tsx'
import { useContributionsObjection, useSetContributionsObjection } from './contributions-api.ts'

/**
 * "Après mon départ": once I belong to no school, my personal data is deleted 3 months later; what I
 * wrote stays under « Ancien compte » unless I object here (and I may change my mind). Applies at once.
 */
export function ContributionsSection() {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const objection = useContributionsObjection()
  const setObjection = useSetContributionsObjection()
  const [error, setError] = useState('')

  const toggle = async (objects: boolean) => {
    setError('')
    try {
      await setObjection.mutateAsync(objects)
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'Europe/Paris' })
  const objectedAt = objection.data?.objectedAt ?? null
  return (
    <Card as="section" aria-labelledby="account-after-leaving">
      <h2 id="account-after-leaving">{t('account.afterLeaving')}</h2>
      <p>{t('account.afterLeavingIntro')}</p>
      {objection.isPending ? (
        <LoadingState />
      ) : objection.isError ? (
        <ErrorMessage error={objection.error} onRetry={() => objection.refetch()} />
      ) : (
        <>
          <Switch isSelected={objectedAt !== null} onChange={toggle} isDisabled={setObjection.isPending}>
            {t('account.deleteContributions')}
          </Switch>
          <p role="status">
            {objectedAt
              ? t('account.contributionsObjected', { date: date.format(new Date(objectedAt)) })
              : t('account.contributionsKept')}
          </p>
          {error && (
            <p role="alert" className="account-news">
              {error}
            </p>
          )}
        </>
      )}
    </Card>
  )
}
