import { type ReactNode, useId } from 'react'
import { AlertIcon, ChevronDownIcon } from './icons/ui-icons.tsx'
import './field.css'

type SelectOption = { value: string; label: string }

export type SelectFieldProps = {
  label: string
  value: string
  onChange: (value: string) => void
  options: readonly SelectOption[]
  /** A first, empty choice ("Choisissez…"); without it the first option is selected. */
  placeholder?: string
  description?: string
  /** The error shown under the field (the server's, or a check of the form). */
  errorMessage?: string | null
  isRequired?: boolean
  isDisabled?: boolean
  name?: string
  className?: string
  /** Content placed after the field (a button acting on the choice). */
  children?: ReactNode
}

/**
 * A labelled drop-down list. It is the browser's own `<select>`: on a phone it opens the system's
 * picker, large and familiar, and every assistive technology knows it.
 */
export function SelectField({
  label,
  value,
  onChange,
  options,
  placeholder,
  description,
  errorMessage,
  isRequired,
  isDisabled,
  name,
  className,
  children,
}: SelectFieldProps) {
  const id = useId()
  const descriptionId = `${id}-description`
  const errorId = `${id}-error`
  const describedBy = [description ? descriptionId : '', errorMessage ? errorId : '']
    .filter(Boolean)
    .join(' ')
  return (
    <div
      className={['field', className ?? ''].filter(Boolean).join(' ')}
      data-invalid={errorMessage ? '' : undefined}
    >
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {description && (
        <span id={descriptionId} className="field__description">
          {description}
        </span>
      )}
      <div className="field__control field__control--select">
        <select
          id={id}
          name={name}
          className="field__input field__select"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          required={isRequired}
          disabled={isDisabled}
          aria-invalid={errorMessage ? true : undefined}
          aria-describedby={describedBy || undefined}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <ChevronDownIcon className="field__select-arrow" />
      </div>
      {errorMessage && (
        <span id={errorId} className="field__error">
          <AlertIcon />
          <span>{errorMessage}</span>
        </span>
      )}
      {children}
    </div>
  )
}
