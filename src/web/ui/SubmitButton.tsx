import type { ReactNode } from 'react'
import { BusyButton } from './BusyButton.tsx'

export type SubmitButtonProps = {
  children: ReactNode
  /** True from the press until the answer: the button says `pendingLabel` and ignores presses. */
  isSubmitting: boolean
  pendingLabel: string
  variant?: 'primary' | 'secondary'
  isFullWidth?: boolean
}

/**
 * The submit button of a form that the answer replaces (a next step, another page): while the answer
 * comes, it shows a spinner and `pendingLabel`, and a status message says it to screen readers (a
 * BusyButton, not React Aria's `isPending`, whose announcement dangles once the button is gone).
 */
export function SubmitButton({
  children,
  isSubmitting,
  pendingLabel,
  variant = 'primary',
  isFullWidth = true,
}: SubmitButtonProps) {
  return (
    <>
      <BusyButton type="submit" variant={variant} isFullWidth={isFullWidth} isBusy={isSubmitting}>
        {isSubmitting ? pendingLabel : children}
      </BusyButton>
      <span role="status" className="visually-hidden">
        {isSubmitting ? pendingLabel : ''}
      </span>
    </>
  )
}
