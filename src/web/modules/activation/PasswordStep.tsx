import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { LEGAL_PATHS } from '../../app/SiteFooter.tsx'
import { Alert } from '../../ui/Alert.tsx'
import { Checkbox } from '../../ui/Checkbox.tsx'
import { Form } from '../../ui/Form.tsx'
import { Link } from '../../ui/Link.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { TextButton } from '../../ui/TextButton.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { NewPasswordFields } from '../passwords/NewPasswordFields.tsx'
import { personalWordsOf } from '../passwords/rules.ts'
import type { ActivationAccount } from './api.ts'

/** What the second step of the activation collects. */
export type PasswordStepValues = {
  password: string
  passwordConfirmation: string
  acceptCharter: boolean
  email: string
  phone: string
}

export type PasswordStepProps = {
  login: string
  account: ActivationAccount
  values: PasswordStepValues
  onChange: (values: Partial<PasswordStepValues>) => void
  onSubmit: () => void
  onBack: () => void
  isSubmitting: boolean
  error: string | null
  fieldErrors: Record<string, string>
}

// The same check as the browser's for type="email", said in French by the form.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Step 2: "Bonjour Prénom", the password chosen twice with its rules, the charter, and for adults an
 * optional e-mail (to receive a link if the password is forgotten) and phone. Its heading takes the
 * focus, as this step replaces the first.
 */
export function PasswordStep(props: PasswordStepProps) {
  const { t } = useTranslation()
  const { account, values, onChange } = props
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => headingRef.current?.focus(), [])

  return (
    <>
      <h2 ref={headingRef} tabIndex={-1} className="activation-greeting">
        {t('activation.greeting', { name: account.displayName })}
      </h2>
      <p className="activation-login">
        {t('activation.yourLogin')} <strong>{props.login}</strong>
      </p>
      <p>{t('activation.passwordIntro')}</p>
      {props.error && (
        <Alert tone="error" live="assertive">
          <p>{props.error}</p>
        </Alert>
      )}
      <Form
        validationErrors={props.fieldErrors}
        onSubmit={(event) => {
          event.preventDefault()
          props.onSubmit()
        }}
      >
        {/* For password managers: the login the new password goes with. */}
        <input type="text" name="username" autoComplete="username" value={props.login} readOnly hidden />
        <NewPasswordFields
          password={values.password}
          confirmation={values.passwordConfirmation}
          onPasswordChange={(password) => onChange({ password })}
          onConfirmationChange={(passwordConfirmation) => onChange({ passwordConfirmation })}
          minLength={account.passwordRule.minLength}
          personal={personalWordsOf(props.login, account.displayName)}
        />
        {account.isAdult && (
          <fieldset className="activation-contacts">
            <legend>{t('activation.contactsTitle')}</legend>
            <p className="field__description">{t('activation.contactsNote')}</p>
            <TextField
              name="email"
              type="email"
              label={t('activation.email')}
              description={t('activation.emailHint')}
              value={values.email}
              onChange={(email) => onChange({ email })}
              validate={(value) =>
                !value.trim() || EMAIL.test(value.trim()) ? null : t('activation.emailInvalid')
              }
              autoComplete="email"
              inputProps={{ autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false }}
            />
            <TextField
              name="phone"
              type="tel"
              label={t('activation.phone')}
              description={t('activation.phoneHint')}
              value={values.phone}
              onChange={(phone) => onChange({ phone })}
              autoComplete="tel"
            />
          </fieldset>
        )}
        <Checkbox
          name="acceptCharter"
          isSelected={values.acceptCharter}
          onChange={(acceptCharter) => onChange({ acceptCharter })}
          isRequired
          validate={(selected) => (selected ? null : t('activation.charterRequired'))}
          description={
            <Link
              href={LEGAL_PATHS.charter}
              target="_blank"
              rel="noopener"
              className="activation-charter-link"
            >
              {t('activation.readCharter')}
            </Link>
          }
        >
          {t('activation.acceptCharter')}
        </Checkbox>
        <SubmitButton isSubmitting={props.isSubmitting} pendingLabel={t('activation.activating')}>
          {t('activation.submit')}
        </SubmitButton>
      </Form>
      <div className="public-page__more">
        <p>
          <TextButton onPress={props.onBack}>{t('activation.back')}</TextButton>
        </p>
      </div>
    </>
  )
}
