import { useState } from 'react'
import { ToggleButton } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import { EyeIcon, EyeOffIcon } from './icons/ui-icons.tsx'
import { TextField, type TextFieldProps } from './TextField.tsx'

/**
 * A password field with a show/hide toggle: typing a long password on a phone is easier when one can
 * read it. The toggle keeps one name and says its state with aria-pressed.
 */
export function PasswordField(props: Omit<TextFieldProps, 'type' | 'endAdornment'>) {
  const { t } = useTranslation()
  const [isVisible, setVisible] = useState(false)
  return (
    <TextField
      {...props}
      type={isVisible ? 'text' : 'password'}
      endAdornment={
        <ToggleButton
          className="field__toggle"
          isSelected={isVisible}
          onChange={setVisible}
          aria-label={t('signIn.showPassword')}
        >
          {isVisible ? <EyeOffIcon /> : <EyeIcon />}
          <span aria-hidden="true">{isVisible ? t('signIn.hide') : t('signIn.show')}</span>
        </ToggleButton>
      }
    />
  )
}
