import type { ReactNode } from 'react'
import { AlertIcon, CheckCircleIcon, InfoIcon } from './icons/ui-icons.tsx'
import './alert.css'

type AlertTone = 'error' | 'info' | 'success'

export type AlertProps = {
  tone?: AlertTone
  title?: string
  children?: ReactNode
  /**
   * `assertive` (role=alert) for a message that follows an action and must be heard at once, `polite`
   * (role=status) for news that can wait, `off` for a message that is part of the page.
   */
  live?: 'assertive' | 'polite' | 'off'
  id?: string
  className?: string
}

const ICONS = { error: AlertIcon, info: InfoIcon, success: CheckCircleIcon }

/** A message box with an icon and a colour per tone; never colour alone: the title or text says it. */
export function Alert({ tone = 'info', title, children, live = 'off', id, className }: AlertProps) {
  const ToneIcon = ICONS[tone]
  const role = live === 'assertive' ? 'alert' : live === 'polite' ? 'status' : undefined
  return (
    <div
      id={id}
      role={role}
      className={['alert', `alert--${tone}`, className ?? ''].filter(Boolean).join(' ')}
    >
      <ToneIcon className="alert__icon" />
      <div className="alert__body">
        {title && <p className="alert__title">{title}</p>}
        {children}
      </div>
    </div>
  )
}
