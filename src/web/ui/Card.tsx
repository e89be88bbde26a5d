import type { ReactNode } from 'react'
import './card.css'

type CardElement = 'div' | 'section' | 'article' | 'li'

/** A white panel grouping related content; `as` picks the element that fits the content's meaning. */
export function Card({
  as: Element = 'div',
  className,
  children,
  ...rest
}: {
  as?: CardElement
  className?: string
  children: ReactNode
  'aria-labelledby'?: string
}) {
  return (
    <Element className={['card', className ?? ''].filter(Boolean).join(' ')} {...rest}>
      {children}
    </Element>
  )
}
