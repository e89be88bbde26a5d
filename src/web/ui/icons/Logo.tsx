import { Icon } from './Icon.tsx'

/**
 * The mark of Préau: a school playground shelter (un préau), a roof on two posts. Decorative: the name
 * is always written next to it.
 */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <Icon size={size} className="logo-mark">
      <path d="M2 10.5 12 4l10 6.5" strokeWidth={2.5} />
      <path d="M5 9v11M19 9v11M2.5 20h19" />
      <circle cx="12" cy="15.5" r="1.6" fill="currentColor" stroke="none" />
    </Icon>
  )
}
