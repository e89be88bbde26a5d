import { Switch as AriaSwitch, type SwitchProps as AriaSwitchProps } from 'react-aria-components'
import './field.css'

/** An on/off setting that applies at once (a switch, not a checkbox in a form to submit). */
export function Switch({
  children,
  className,
  ...props
}: Omit<AriaSwitchProps, 'children'> & { children: string }) {
  return (
    <AriaSwitch {...props} className={['switch', className ?? ''].filter(Boolean).join(' ')}>
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
      <span>{children}</span>
    </AriaSwitch>
  )
}
