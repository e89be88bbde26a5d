import { Link as AriaLink, type LinkProps as AriaLinkProps } from 'react-aria-components'
import './button.css'

export type LinkProps = AriaLinkProps & {
  /**
   * `button` draws the link as a secondary button (a navigation that looks like an action), `primary`
   * as the main button of the page.
   */
  appearance?: 'text' | 'button' | 'primary'
}

/**
 * A link of the design system. Internal `href`s navigate through the client router (see RootLayout's
 * RouterProvider), so a click does not reload the page.
 */
export function Link({ appearance = 'text', className, ...props }: LinkProps) {
  const base =
    appearance === 'button'
      ? 'button button--secondary'
      : appearance === 'primary'
        ? 'button button--primary'
        : 'link'
  return <AriaLink {...props} className={[base, className ?? ''].filter(Boolean).join(' ')} />
}
