import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { Button } from '../../ui/Button.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { useNotice } from '../administration/components/FormParts.tsx'
import { SyndicatePage } from '../administration/syndicate/SyndicatePage.tsx'
import { ActivityForm } from './ActivityForm.tsx'
import { type Activity, useRegister, useRemoveActivity } from './api.ts'
import { RegisterList } from './RegisterList.tsx'
import { RetentionSection } from './RetentionSection.tsx'
import './data-protection.css'

const k = 'dataProtection.register' as const

/**
 * The syndicate's data-protection desk: the register of processing activities (kept by its
 * administrators for the officer), what tonight's purges would delete, and the reads of personal data.
 */
export function RegisterConsolePage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage title={t(`${k}.consoleTitle`)} intro={t(`${k}.consoleIntro`)}>
      {(role) => (role === 'syndicate' ? <Desk /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

function Desk() {
  const { t } = useTranslation()
  const register = useRegister()
  const remove = useRemoveActivity()
  const { notice, say } = useNotice()
  const [editing, setEditing] = useState<Activity | 'new' | null>(null)
  const done = (message: string) => {
    setEditing(null)
    say(message || null)
  }

  return (
    <>
      {notice}
      <section aria-labelledby="register-title">
        <h2 id="register-title">{t(`${k}.title`)}</h2>
        <p>{t(`${k}.intro`)}</p>
        {register.isPending && <LoadingState />}
        {register.isError && <ErrorMessage error={register.error} onRetry={() => register.refetch()} />}
        {editing === 'new' ? (
          <ActivityForm editing={null} onDone={done} />
        ) : (
          editing === null && (
            <Button variant="primary" onPress={() => setEditing('new')}>
              {t(`${k}.add`)}
            </Button>
          )
        )}
        {editing !== null && editing !== 'new' && <ActivityForm editing={editing} onDone={done} />}
        {register.data && (
          <RegisterList
            activities={register.data.activities}
            actions={(activity) => (
              <div className="register-entry__actions">
                <Button
                  variant="secondary"
                  onPress={() => setEditing(activity)}
                  aria-label={t(`${k}.editNamed`, { name: activity.name })}
                >
                  {t(`${k}.edit`)}
                </Button>
                <ConfirmButton
                  variant="quiet"
                  aria-label={t(`${k}.removeNamed`, { name: activity.name })}
                  title={t(`${k}.removeTitle`)}
                  message={t(`${k}.removeMessage`, { name: activity.name })}
                  confirmLabel={t(`${k}.removeConfirm`)}
                  onConfirm={async () => {
                    await remove.mutateAsync(activity.id)
                    say(t(`${k}.removed`, { name: activity.name }))
                  }}
                >
                  {t(`${k}.remove`)}
                </ConfirmButton>
              </div>
            )}
          />
        )}
      </section>
      <RetentionSection />
      <section aria-labelledby="reads-title">
        <h2 id="reads-title">{t('dataProtection.reads.title')}</h2>
        <p>{t('dataProtection.reads.intro')}</p>
        <p>
          <Link href="/syndicat/donnees/lectures">{t('dataProtection.reads.open')}</Link>
        </p>
      </section>
    </>
  )
}
