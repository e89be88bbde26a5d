import { useTranslation } from 'react-i18next'
import { TextField, type TextFieldProps } from '../../ui/TextField.tsx'

/** The code as typed, without the spaces some apps show in the middle ("123 456"). */
export function compactCode(typed: string): string {
  return typed.replace(/\s/g, '')
}

/**
 * The field for the 6-digit code of an authenticator app: the numeric keyboard on phones, and the
 * code suggested by the system when it can (autocomplete="one-time-code").
 */
export function CodeField(
  props: Omit<TextFieldProps, 'label' | 'type' | 'inputMode' | 'autoComplete'> & { label?: string },
) {
  const { t } = useTranslation()
  return (
    <TextField
      name="code"
      label={t('secondStep.codeLabel')}
      description={t('secondStep.codeHint')}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={9}
      isRequired
      validate={(value) => (/^[0-9]{6}$/.test(compactCode(value)) ? null : t('secondStep.codeFormat'))}
      inputProps={{ autoCorrect: 'off', spellCheck: false }}
      className="code-field"
      {...props}
    />
  )
}
