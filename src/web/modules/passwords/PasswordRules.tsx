import { useTranslation } from 'react-i18next'
import { CheckCircleIcon, CircleIcon, InfoIcon } from '../../ui/icons/ui-icons.tsx'
import type { RuleCheck } from './rules.ts'

/**
 * The password rules, each ticked as soon as it is met while the user types. Not a live region (it
 * would speak at every key); the field points to it with aria-describedby, so it is read with the
 * field, and each rule says its state in words, not only by its icon and colour.
 */
export function PasswordRules({
  id,
  checks,
  minLength,
  lengthNote,
}: {
  id: string
  checks: RuleCheck[]
  minLength: number
  /** Said after the length rule when the exact length depends on the account (reset by e-mail). */
  lengthNote?: string
}) {
  const { t } = useTranslation()
  const text = (check: RuleCheck) => {
    if (check.id === 'length') return t('password.ruleLength', { count: minLength })
    return check.id === 'common' ? t('password.ruleCommon') : t('password.rulePersonal')
  }
  return (
    <div id={id} className="password-rules">
      <p className="password-rules__title">{t('password.rulesTitle')}</p>
      <ul>
        {checks.map((check) => {
          const Icon = check.isMet === null ? InfoIcon : check.isMet ? CheckCircleIcon : CircleIcon
          const state =
            check.isMet === null ? '' : check.isMet ? t('password.ruleMet') : t('password.ruleNotMet')
          return (
            <li key={check.id} className={`password-rule password-rule--${stateName(check.isMet)}`}>
              <Icon className="password-rule__icon" />
              <span>
                {text(check)}
                {check.id === 'length' && lengthNote ? ` ${lengthNote}` : ''}
                {state && <span className="visually-hidden"> ({state})</span>}
              </span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

function stateName(isMet: boolean | null): string {
  if (isMet === null) return 'advice'
  return isMet ? 'met' : 'unmet'
}
