import { Button as AriaButton, type ButtonProps } from 'react-aria-components'
import './text-button.css'

/**
 * A button drawn like a link, for an action that changes what the screen shows without leaving the
 * page ("Utiliser un code de secours"): a link's look, a button's meaning. At least 44 px high.
 */
export function TextButton({ className, ...props }: ButtonProps) {
  return <AriaButton {...props} className={['text-button', className ?? ''].filter(Boolean).join(' ')} />
}
