import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { PasswordField } from '../../ui/PasswordField.tsx'
import { PasswordRules } from './PasswordRules.tsx'
import { checkPasswordRules, firstUnmetRule, type PersonalWords } from './rules.ts'
import './passwords.css'

export type NewPasswordFieldsProps = {
  password: string
  confirmation: string
  onPasswordChange: (value: string) => void
  onConfirmationChange: (value: string) => void
  minLength: number
  /** The person's names, when known, to warn against them as they type. */
  personal: PersonalWords | null
  lengthNote?: string
}

/**
 * A new password chosen twice, inside a Form: the rules ticked live under the first field, and each
 * field's error (`password`, `passwordConfirmation`, the server's names) said at the field.
 */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { t } = useTranslation()
  const rulesId = useId()
  const checks = checkPasswordRules(props.password, props.minLength, props.personal)

  const validatePassword = () => {
    const unmet = firstUnmetRule(checks)
    if (!props.password) return t('password.required')
    if (unmet === 'length') return t('password.tooShort', { count: props.minLength })
    if (unmet === 'common') return t('password.tooCommon')
    if (unmet === 'personal') return t('password.tooPersonal')
    return null
  }

  return (
    <>
      <PasswordField
        name="password"
        label={t('password.new')}
        value={props.password}
        onChange={props.onPasswordChange}
        isRequired
        validate={validatePassword}
        autoComplete="new-password"
        aria-describedby={rulesId}
      />
      <PasswordRules id={rulesId} checks={checks} minLength={props.minLength} lengthNote={props.lengthNote} />
      <PasswordField
        name="passwordConfirmation"
        label={t('password.confirmation')}
        value={props.confirmation}
        onChange={props.onConfirmationChange}
        isRequired
        validate={(value) => {
          if (!value) return t('password.confirmationRequired')
          return value === props.password ? null : t('password.mismatch')
        }}
        autoComplete="new-password"
      />
    </>
  )
}
