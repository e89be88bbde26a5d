import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { PublicPage } from '../../app/PublicPage.tsx'
import { safeReturnPath } from '../../app/sign-in-redirect.ts'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { useEnterApp } from '../auth/api.ts'
import { useRestartSignIn } from './api.ts'
import { RecoveryCodes } from './RecoveryCodes.tsx'
import { TotpEnrolment } from './TotpEnrolment.tsx'

/**
 * The first sign-in of a director or an administrator, who must use a second factor: pair an
 * authenticator app, keep the recovery codes, then enter Préau (the server opened the session when the
 * first code was accepted).
 */
export function FirstEnrolmentPage() {
  const { t } = useTranslation()
  usePageTitle(t('enrolment.title'))
  const [params] = useSearchParams()
  const enterApp = useEnterApp()
  const restart = useRestartSignIn()
  const [codes, setCodes] = useState<string[] | null>(null)

  return (
    <PublicPage>
      <PageHeading>{t('enrolment.heading')}</PageHeading>
      {codes ? (
        <RecoveryCodes
          codes={codes}
          headingLevel={2}
          doneLabel={t('recoveryCodes.continue')}
          onDone={() => enterApp(safeReturnPath(params.get('retour')))}
        />
      ) : (
        <>
          <p>{t('enrolment.intro')}</p>
          <TotpEnrolment headingLevel={2} onEnrolled={setCodes} onChallengeExpired={restart} />
        </>
      )}
    </PublicPage>
  )
}
