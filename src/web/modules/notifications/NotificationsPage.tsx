import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type FeedApp,
  NOTIFICATION_FREQUENCIES,
  type NotificationFrequency,
  type NotificationPreferences,
} from '../../../contract/feed.ts'
import { Alert } from '../../ui/Alert.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { appName } from '../portal/labels.ts'
import { useNotificationPreferences, useSaveNotificationPreferences } from './api.ts'

/** « Mon compte › Notifications »: how often each application e-mails me. */
export function NotificationsPage() {
  const { t } = useTranslation()
  usePageTitle(t('notifications.title'))
  const preferences = useNotificationPreferences()
  return (
    <>
      <PageHeading>{t('notifications.title')}</PageHeading>
      <p className="page-intro">{t('notifications.intro')}</p>
      {preferences.isPending ? (
        <LoadingState />
      ) : preferences.isError ? (
        <ErrorMessage error={preferences.error} onRetry={() => preferences.refetch()} />
      ) : (
        <PreferencesForm current={preferences.data} />
      )}
      <p>
        <Link href="/mon-compte">{t('notifications.backToAccount')}</Link>
      </p>
    </>
  )
}

function PreferencesForm({ current }: { current: NotificationPreferences }) {
  const { t } = useTranslation()
  const save = useSaveNotificationPreferences()
  const [choices, setChoices] = useState<Record<string, NotificationFrequency>>(() =>
    Object.fromEntries(current.preferences.map((p) => [p.app, p.frequency])),
  )
  const options = NOTIFICATION_FREQUENCIES.map((value) => ({
    value,
    label: t(`notifications.frequencies.${value}`),
  }))
  if (current.preferences.length === 0) return <p>{t('notifications.none')}</p>
  return (
    <Form
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate(current.preferences.map(({ app }) => ({ app, frequency: choices[app] ?? 'never' })))
      }}
    >
      {!current.hasEmail && (
        <Alert tone="info" title={t('notifications.noEmailTitle')}>
          <p>{t('notifications.noEmail')}</p>
        </Alert>
      )}
      {save.isSuccess && (
        <Alert tone="success" live="polite">
          <p>{t('notifications.saved')}</p>
        </Alert>
      )}
      {save.isError && (
        <Alert tone="error" live="assertive">
          <p>{save.error.message}</p>
        </Alert>
      )}
      {current.preferences.map(({ app, isDefault }) => (
        <SelectField
          key={app}
          name={app}
          label={appName(t, app)}
          description={isDefault ? t('notifications.isDefault') : undefined}
          value={choices[app] ?? 'never'}
          onChange={(value) => {
            save.reset()
            setChoices((before) => ({ ...before, [app as FeedApp]: value as NotificationFrequency }))
          }}
          options={options}
        />
      ))}
      <SubmitButton
        isSubmitting={save.isPending}
        pendingLabel={t('notifications.saving')}
        isFullWidth={false}
      >
        {t('notifications.save')}
      </SubmitButton>
    </Form>
  )
}
