import { type ReactNode, useId } from 'react'
import './table.css'

/**
 * A data table that stays readable on a phone: it keeps its columns and scrolls sideways inside a
 * frame that the keyboard can reach (tabindex) and that screen readers name by the table's caption.
 */
export function TableScroll({
  caption,
  isCaptionVisible = true,
  children,
}: {
  caption: string
  /** A caption repeating the heading right above can be kept for screen readers only. */
  isCaptionVisible?: boolean
  /** The `<thead>` and `<tbody>` of the table. */
  children: ReactNode
}) {
  const id = useId()
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id} className={isCaptionVisible ? 'table__caption' : 'visually-hidden'}>
          {caption}
        </caption>
        {children}
      </table>
    </section>
  )
}
