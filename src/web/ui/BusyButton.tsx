import { Button, type ButtonProps } from './Button.tsx'
import { Spinner } from './LoadingState.tsx'

/**
 * A button that shows it is working (a spinner) and ignores presses meanwhile, without React Aria's
 * `isPending`: that one announces itself through a live region pointing at the button, which breaks
 * (an image without a name, flagged by axe) when the button goes away with its form after a success.
 */
export function BusyButton({
  isBusy,
  onPress,
  type = 'button',
  children,
  ...props
}: Omit<ButtonProps, 'isPending' | 'children'> & { isBusy: boolean; children: React.ReactNode }) {
  return (
    <Button
      {...props}
      type={isBusy ? 'button' : type}
      onPress={isBusy ? undefined : onPress}
      data-pending={isBusy || undefined}
    >
      {isBusy && <Spinner />}
      {children}
    </Button>
  )
}
