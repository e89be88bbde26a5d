import type { Ref } from 'react'
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components'
import './button.css'

type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger'

export type ButtonProps = AriaButtonProps & {
  /**
   * `primary` for the one main action of a screen, `secondary` for others, `quiet` inside toolbars,
   * `danger` for an action that deletes or cannot be undone (always behind a confirmation).
   */
  variant?: ButtonVariant
  /** Stretches the button to the width of its container (forms on phones). */
  isFullWidth?: boolean
  ref?: Ref<HTMLButtonElement>
}

/** A button of the design system: at least 44 px high, visible keyboard focus, pending state. */
export function Button({ variant = 'secondary', isFullWidth = false, className, ...props }: ButtonProps) {
  const classes = ['button', `button--${variant}`, isFullWidth ? 'button--full' : '', className ?? '']
  return <AriaButton {...props} className={classes.filter(Boolean).join(' ')} />
}
