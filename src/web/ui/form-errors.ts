import { useState } from 'react'
import { isApiError } from '../api/client.ts'
import { useErrorText } from './ErrorMessage.tsx'

/** The errors of a submitted form: per field (by name), and one for the whole form. */
export type FormErrors = { fields: Record<string, string>; form: string | null }

const NO_ERRORS: FormErrors = { fields: {}, form: null }

/**
 * Splits a failed call into the errors shown at each field and the one shown above the form. The
 * server names a field by its path (`body.siren`, `body.source.classId`): the first part after `body`
 * is the field's name when the form has it; any other problem is said above the form (its `detail`).
 */
export function splitProblem(
  error: unknown,
  fieldNames: readonly string[],
  errorText: (error: unknown) => string,
): FormErrors {
  if (!isApiError(error) || !error.problem?.errors?.length) return { fields: {}, form: errorText(error) }
  const fields: Record<string, string> = {}
  let isUnplaced = false
  for (const { path, message } of error.problem.errors) {
    const [where, name] = path.split('.')
    if (where === 'body' && name && fieldNames.includes(name)) {
      fields[name] = fields[name] ? `${fields[name]} ${message}` : message
    } else {
      isUnplaced = true
    }
  }
  return { fields, form: isUnplaced ? error.problem.detail : null }
}

/**
 * The error state of a form: `fail(error)` after a failed submit places the server's messages at
 * their fields (pass `fields` to React Aria's `<Form validationErrors>`, or `errorMessage` of a
 * field), `clear()` before the next one.
 */
export function useFormErrors(fieldNames: readonly string[]) {
  const errorText = useErrorText()
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS)
  const clearField = (name: string) =>
    setErrors((current) => {
      if (!(name in current.fields)) return current
      const { [name]: _gone, ...fields } = current.fields
      return { ...current, fields }
    })
  return {
    ...errors,
    fail: (error: unknown) => setErrors(splitProblem(error, fieldNames, errorText)),
    clear: () => setErrors(NO_ERRORS),
    /** Forgets one field's error once the user changes it. */
    clearField,
    /**
     * The `onChange` of a field: sets its value and forgets its error at once. (Left to the field, the
     * error would go when it loses focus: the form then moves under the pointer of someone clicking
     * "Enregistrer", and the click misses.)
     */
    changing:
      <T>(name: string, set: (value: T) => void) =>
      (value: T) => {
        set(value)
        clearField(name)
      },
  }
}
