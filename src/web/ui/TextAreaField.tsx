import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  FieldError,
  Label,
  Text,
  TextArea,
} from 'react-aria-components'
import { AlertIcon } from './icons/ui-icons.tsx'
import './field.css'

export type TextAreaFieldProps = Omit<AriaTextFieldProps, 'children'> & {
  label: string
  /** Help shown under the label, read with the field (aria-describedby). */
  description?: string
  rows?: number
}

/** A labelled text area for a few lines (a note, a description), with its error under it. */
export function TextAreaField({ label, description, rows = 3, className, ...props }: TextAreaFieldProps) {
  return (
    <AriaTextField {...props} className={['field', className ?? ''].filter(Boolean).join(' ')}>
      <Label className="field__label">{label}</Label>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <div className="field__control">
        <TextArea rows={rows} className="field__input field__textarea" />
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
