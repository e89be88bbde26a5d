import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { apiPost } from '../../api/client.ts'
import { SiteFooter } from '../../app/SiteFooter.tsx'
import { SIGN_IN_PATH } from '../../app/sign-in-redirect.ts'
import { useFragmentParams } from '../../app/use-fragment-params.ts'
import { LogoMark } from '../../ui/icons/Logo.tsx'
import { Link } from '../../ui/Link.tsx'
import { Spinner } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { useEnterApp } from '../auth/api.ts'
import './login-card.css'

const FRAGMENT_KEYS = ['jeton'] as const

/**
 * What the QR code of a class login card opens (`/carte#jeton=…`): the young pupil is signed in at once,
 * with a big friendly wait. If the card does not work (suspended by the teacher, replaced, misread),
 * a short message for the adult helping the child, and the usual sign-in.
 */
export function LoginCardPage() {
  const { t } = useTranslation()
  const { jeton: token } = useFragmentParams(FRAGMENT_KEYS)
  const enterApp = useEnterApp()
  const [hasFailed, setFailed] = useState(!token)
  const hasTried = useRef(false)
  usePageTitle(hasFailed ? t('loginCard.failedTitle') : t('loginCard.title'))

  useEffect(() => {
    if (!token || hasTried.current) return
    hasTried.current = true
    apiPost('/api/auth/login-card', { token }).then(
      () => enterApp('/'),
      () => setFailed(true),
    )
  })

  return (
    <div className="login-card">
      <main id="contenu" className="login-card__main">
        <LogoMark size={72} />
        <p className="login-card__name">{t('app.name')}</p>
        {hasFailed ? (
          <div className="login-card__panel" role="alert">
            <PageHeading>{t('loginCard.failedHeading')}</PageHeading>
            <p className="login-card__ask">{t('loginCard.askTeacher')}</p>
            <p className="login-card__adult">{t('loginCard.forAdults')}</p>
            <Link href={SIGN_IN_PATH} appearance="button">
              {t('loginCard.signIn')}
            </Link>
          </div>
        ) : (
          <div className="login-card__panel" role="status">
            <PageHeading>{t('loginCard.heading')}</PageHeading>
            <span className="login-card__spinner">
              <Spinner />
            </span>
          </div>
        )}
      </main>
      <SiteFooter />
    </div>
  )
}
