import { type Ref, useEffect, useRef } from 'react'
import { Form as AriaForm, type FormProps } from 'react-aria-components'

/**
 * Once a field shows an error, it is checked again at every key, so the error goes as soon as the
 * value is right. React Aria otherwise updates a shown error only when the field loses the focus:
 * pressing the submit button with a mouse would first remove the error, move the button up under the
 * pointer, and lose the click. Fields without an error still wait for the form to be sent, so nobody
 * is told off while still typing.
 */
function revalidateWhileTyping(event: Event): void {
  const field = event.target
  if (field instanceof HTMLInputElement && field.getAttribute('aria-invalid') === 'true') {
    // React Aria commits a field's validation on its native `change` event. Sent once React has applied
    // the input: a form that clears a server error in its onChange would otherwise commit the old error,
    // and the browser would then refuse to send the form.
    setTimeout(() => field.dispatchEvent(new Event('change')), 0)
  }
}

/**
 * React Aria's Form (errors at their fields, focus on the first invalid one), with errors that follow
 * the typing once shown (see above). React Aria does not pass `onInput` to the form: the listener is
 * set on the element.
 */
export function Form({ ref, ...props }: FormProps & { ref?: Ref<HTMLFormElement> }) {
  const ownRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    const form = ownRef.current
    form?.addEventListener('input', revalidateWhileTyping)
    return () => form?.removeEventListener('input', revalidateWhileTyping)
  }, [])
  return (
    <AriaForm
      {...props}
      ref={(element) => {
        ownRef.current = element
        if (typeof ref === 'function') ref(element)
        else if (ref) ref.current = element
      }}
    />
  )
}
