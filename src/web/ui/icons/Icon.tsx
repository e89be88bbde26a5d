import type { ReactNode } from 'react'

export type IconProps = {
  /** Width and height in CSS pixels. */
  size?: number
  className?: string
}

/**
 * The frame of every icon: a 24×24 outline drawing in the current text colour. Icons are decorative
 * (aria-hidden): the text next to them, or the accessible name of their control, carries the meaning.
 */
export function Icon({ size = 24, className, children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      {children}
    </svg>
  )
}
