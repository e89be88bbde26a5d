import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../ui/Alert.tsx'
import { Button } from '../../ui/Button.tsx'
import { Card } from '../../ui/Card.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { ShieldIcon } from '../../ui/icons/ui-icons.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { SECURITY_KEY, type SecurityState, useSecurity } from '../second-factor/api.ts'
import { RecoveryCodes } from '../second-factor/RecoveryCodes.tsx'
import { TotpEnrolment } from '../second-factor/TotpEnrolment.tsx'
import { NewRecoveryCodesForm } from './NewRecoveryCodesForm.tsx'

type Screen = { kind: 'state' } | { kind: 'enrolling' } | { kind: 'codes'; codes: string[] }

/**
 * The second step of sign-in for my account: on or off, required or not; turning it on with the same
 * screens as a director's first sign-in; new recovery codes on a current code of the app.
 */
export function SecuritySection() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const security = useSecurity()
  const [screen, setScreen] = useState<Screen>({ kind: 'state' })
  const headingRef = useRef<HTMLHeadingElement>(null)

  const backToState = async () => {
    await queryClient.invalidateQueries({ queryKey: SECURITY_KEY })
    setScreen({ kind: 'state' })
    headingRef.current?.focus()
  }

  return (
    <Card as="section" aria-labelledby="account-security" className="account-security">
      <h2 id="account-security" ref={headingRef} tabIndex={-1}>
        {t('account.security')}
      </h2>
      {security.isPending ? (
        <LoadingState />
      ) : security.isError ? (
        <ErrorMessage error={security.error} onRetry={() => security.refetch()} />
      ) : screen.kind === 'codes' ? (
        <RecoveryCodes
          codes={screen.codes}
          headingLevel={3}
          doneLabel={t('recoveryCodes.done')}
          onDone={backToState}
        />
      ) : screen.kind === 'enrolling' ? (
        <>
          <TotpEnrolment headingLevel={3} onEnrolled={(codes) => setScreen({ kind: 'codes', codes })} />
          <Button variant="secondary" onPress={backToState} className="account-cancel">
            {t('common.cancel')}
          </Button>
        </>
      ) : (
        <SecurityStatus
          state={security.data}
          onEnable={() => setScreen({ kind: 'enrolling' })}
          onNewCodes={(codes) => setScreen({ kind: 'codes', codes })}
        />
      )}
    </Card>
  )
}

function SecurityStatus({
  state,
  onEnable,
  onNewCodes,
}: {
  state: SecurityState
  onEnable: () => void
  onNewCodes: (codes: string[]) => void
}) {
  const { t } = useTranslation()
  if (!state.totpEnabled) {
    return (
      <>
        <p className="account-status">
          <span className="status-badge status-badge--off">{t('account.totpOff')}</span>
        </p>
        <p>{state.totpRequired ? t('account.totpRequiredOff') : t('account.totpWhy')}</p>
        <Button variant="primary" onPress={onEnable}>
          <ShieldIcon />
          {t('account.enableTotp')}
        </Button>
      </>
    )
  }
  const isRunningLow = state.recoveryCodesLeft <= 3
  return (
    <>
      <p className="account-status">
        <span className="status-badge status-badge--on">{t('account.totpOn')}</span>
      </p>
      <p>{state.totpRequired ? t('account.totpOnRequired') : t('account.totpOnChosen')}</p>
      {isRunningLow ? (
        <Alert tone="error">
          <p>{t('account.codesLeft', { count: state.recoveryCodesLeft })}</p>
          <p>{t('account.codesLow')}</p>
        </Alert>
      ) : (
        <p>{t('account.codesLeft', { count: state.recoveryCodesLeft })}</p>
      )}
      <NewRecoveryCodesForm onNewCodes={onNewCodes} />
    </>
  )
}
