import type { ReactNode } from 'react'
import {
  CheckboxButton,
  CheckboxField,
  type CheckboxFieldProps,
  FieldError,
  Text,
} from 'react-aria-components'
import { AlertIcon, CheckIcon } from './icons/ui-icons.tsx'
import './checkbox.css'
import './field.css'

export type CheckboxProps = Omit<CheckboxFieldProps, 'children'> & {
  /** The label: the whole line (box and text) is the target, at least 44 px high. */
  children: ReactNode
  /** Help under the box, read with it (aria-describedby). */
  description?: ReactNode
}

/**
 * A labelled checkbox. Its error (from `validate`, `isInvalid` or the enclosing Form's
 * `validationErrors`) shows under it and is linked to it by aria-describedby.
 */
export function Checkbox({ children, description, className, ...props }: CheckboxProps) {
  return (
    <CheckboxField {...props} className={['checkbox', className ?? ''].filter(Boolean).join(' ')}>
      <CheckboxButton className="checkbox__button">
        {({ isSelected }) => (
          <>
            <span className="checkbox__box" aria-hidden="true">
              {isSelected && <CheckIcon size={18} />}
            </span>
            <span className="checkbox__label">{children}</span>
          </>
        )}
      </CheckboxButton>
      {description && (
        <Text slot="description" className="field__description checkbox__description">
          {description}
        </Text>
      )}
      <FieldError className="field__error">
        {({ validationErrors }) => (
          <>
            <AlertIcon />
            <span>{validationErrors.join(' ')}</span>
          </>
        )}
      </FieldError>
    </CheckboxField>
  )
}
