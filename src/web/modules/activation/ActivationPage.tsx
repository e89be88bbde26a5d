import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { isApiError } from '../../api/client.ts'
import { PublicPage } from '../../app/PublicPage.tsx'
import { SIGN_IN_PATH, secondStepUrl } from '../../app/sign-in-redirect.ts'
import { useFragmentParams } from '../../app/use-fragment-params.ts'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { splitProblem } from '../../ui/form-errors.ts'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { useEnterApp } from '../auth/api.ts'
import { type ActivationAccount, activate, checkActivation } from './api.ts'
import { CodeStep } from './CodeStep.tsx'
import { PasswordStep, type PasswordStepValues } from './PasswordStep.tsx'
import './activation.css'

const EMPTY_VALUES: PasswordStepValues = {
  password: '',
  passwordConfirmation: '',
  acceptCharter: false,
  email: '',
  phone: '',
}
const FRAGMENT_KEYS = ['identifiant', 'code'] as const
type FragmentKey = (typeof FRAGMENT_KEYS)[number]
const CODE_FIELDS = ['login', 'code'] as const
const PASSWORD_FIELDS = ['password', 'passwordConfirmation', 'acceptCharter', 'email', 'phone'] as const

type Errors = { form: string | null; fields: Record<string, string> }
const NO_ERRORS: Errors = { form: null, fields: {} }

/**
 * First sign-in (`/activation`, or `/activation#identifiant=…&code=…` from the QR code of the connection
 * sheet, which checks the code at once): login and activation code, then a password, the charter and,
 * for adults, optional contacts. Then the portal, or the second step a director needs.
 */
export function ActivationPage() {
  const fragment = useFragmentParams(FRAGMENT_KEYS)
  // A new QR code opened in the same tab starts again from its login and code.
  return <ActivationFlow key={`${fragment.identifiant}|${fragment.code}`} fragment={fragment} />
}

/** The two steps, from the login and code of the address if any. */
function ActivationFlow({ fragment }: { fragment: Partial<Record<FragmentKey, string>> }) {
  const { t } = useTranslation()
  usePageTitle(t('activation.title'))
  const navigate = useNavigate()
  const enterApp = useEnterApp()
  const errorText = useErrorText()
  const [login, setLogin] = useState(fragment.identifiant ?? '')
  const [code, setCode] = useState(fragment.code ?? '')
  const [account, setAccount] = useState<ActivationAccount | null>(null)
  const [values, setValues] = useState(EMPTY_VALUES)
  const [isSubmitting, setSubmitting] = useState(false)
  const [isCheckingLink, setCheckingLink] = useState(Boolean(fragment.identifiant && fragment.code))
  const [errors, setErrors] = useState<Errors>(NO_ERRORS)
  const hasCheckedLink = useRef(false)
  const [cameBack, setCameBack] = useState(false)

  const check = async () => {
    if (isSubmitting) return
    setSubmitting(true)
    setErrors(NO_ERRORS)
    try {
      setAccount(await checkActivation({ login: login.trim(), code }))
    } catch (error) {
      setErrors(splitProblem(error, CODE_FIELDS, errorText))
    } finally {
      setSubmitting(false)
      setCheckingLink(false)
    }
  }

  // The QR code of the sheet carries both: no need to make anyone press "Continuer".
  useEffect(() => {
    if (!isCheckingLink || hasCheckedLink.current) return
    hasCheckedLink.current = true
    void check()
  })

  const submit = async () => {
    if (isSubmitting) return
    setSubmitting(true)
    setErrors(NO_ERRORS)
    try {
      const result = await activate({
        login: login.trim(),
        code,
        password: values.password,
        passwordConfirmation: values.passwordConfirmation,
        acceptCharter: true,
        email: account?.isAdult && values.email.trim() ? values.email.trim() : undefined,
        phone: account?.isAdult && values.phone.trim() ? values.phone.trim() : undefined,
      })
      if (result?.next) await navigate(secondStepUrl(result.next, '/'), { replace: true })
      else await enterApp('/')
    } catch (error) {
      setSubmitting(false)
      // The code expired or was used meanwhile: back to the first step, which says so.
      if (isApiError(error, 400) && error.code === 'invalid-activation') {
        setAccount(null)
        setErrors({ form: errorText(error), fields: {} })
        return
      }
      setErrors(splitProblem(error, PASSWORD_FIELDS, errorText))
    }
  }

  return (
    <PublicPage>
      <PageHeading>{t('activation.heading')}</PageHeading>
      <p className="activation-step">{t('activation.stepOf', { step: account ? 2 : 1, total: 2 })}</p>
      {isCheckingLink ? (
        <LoadingState label={t('activation.checking')} />
      ) : account ? (
        <PasswordStep
          login={login.trim()}
          account={account}
          values={values}
          onChange={(change) => setValues((current) => ({ ...current, ...change }))}
          onSubmit={submit}
          onBack={() => {
            setAccount(null)
            setErrors(NO_ERRORS)
            setCameBack(true)
          }}
          isSubmitting={isSubmitting}
          error={errors.form}
          fieldErrors={errors.fields}
        />
      ) : (
        <CodeStep
          login={login}
          code={code}
          onLoginChange={setLogin}
          onCodeChange={setCode}
          onSubmit={check}
          isSubmitting={isSubmitting}
          error={errors.form}
          fieldErrors={errors.fields}
          autoFocus={cameBack}
        />
      )}
      {!account && (
        <div className="public-page__more">
          <p className="public-page__note">{t('activation.lostCode')}</p>
          <p>
            <Link href={SIGN_IN_PATH}>{t('activation.alreadyActive')}</Link>
          </p>
        </div>
      )}
    </PublicPage>
  )
}
