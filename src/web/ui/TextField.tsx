import type { InputHTMLAttributes, ReactNode } from 'react'
import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  FieldError,
  Input,
  Label,
  Text,
} from 'react-aria-components'
import { AlertIcon } from './icons/ui-icons.tsx'
import './field.css'

export type TextFieldProps = Omit<AriaTextFieldProps, 'children'> & {
  label: string
  /** Help shown under the label, read with the field (aria-describedby). */
  description?: string
  /** Content placed after the input, inside its frame (e.g. the password toggle). */
  endAdornment?: ReactNode
  inputRef?: React.Ref<HTMLInputElement>
  /** Input attributes React Aria does not take on the field (typing aids). */
  inputProps?: Pick<InputHTMLAttributes<HTMLInputElement>, 'autoCapitalize' | 'autoCorrect' | 'spellCheck'>
}

/**
 * A labelled text field. Its error (from `validate`, `isInvalid`/`errorMessage` or the enclosing Form's
 * `validationErrors`) shows under the input and is linked to it by aria-describedby.
 */
export function TextField({
  label,
  description,
  endAdornment,
  inputRef,
  inputProps,
  className,
  ...props
}: TextFieldProps) {
  return (
    <AriaTextField {...props} className={['field', className ?? ''].filter(Boolean).join(' ')}>
      <Label className="field__label">{label}</Label>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <div className="field__control">
        <Input {...inputProps} ref={inputRef} className="field__input" />
        {endAdornment}
      </div>
      <FieldError className="field__error">
        {({ validationErrors }) => (
          <>
            <AlertIcon />
            <span>{validationErrors.join(' ')}</span>
          </>
        )}
      </FieldError>
    </AriaTextField>
  )
}
