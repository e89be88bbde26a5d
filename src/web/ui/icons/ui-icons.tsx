import { Icon, type IconProps } from './Icon.tsx'

// Icons of the interface itself; the applications' icons are in app-icons.tsx.

/** An exclamation mark in a circle: errors. */
export const AlertIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5M12 16.5v.01" />
  </Icon>
)

/** An "i" in a circle: information. */
export const InfoIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5.5M12 7.5v.01" />
  </Icon>
)

/** A tick in a circle: success. */
export const CheckCircleIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="m8 12.5 2.8 2.8L16.5 9.5" />
  </Icon>
)

/** An open eye: show the password. */
export const EyeIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z" />
    <circle cx="12" cy="12" r="3" />
  </Icon>
)

/** A crossed-out eye: hide the password. */
export const EyeOffIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="M9.9 5.2A9.7 9.7 0 0 1 12 5c6.4 0 10 7 10 7a17 17 0 0 1-2.6 3.4M6.6 6.6C3.7 8.4 2 12 2 12s3.6 7 10 7a9.6 9.6 0 0 0 5.4-1.6" />
    <path d="M9.9 9.9a3 3 0 0 0 4.2 4.2M3 3l18 18" />
  </Icon>
)

/** Four squares: the applications menu. */
export const AppsIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="4" y="4" width="6" height="6" rx="1.5" />
    <rect x="14" y="4" width="6" height="6" rx="1.5" />
    <rect x="4" y="14" width="6" height="6" rx="1.5" />
    <rect x="14" y="14" width="6" height="6" rx="1.5" />
  </Icon>
)

/** A chevron pointing down: opens a menu. */
export const ChevronDownIcon = (props: IconProps) => (
  <Icon size={18} {...props}>
    <path d="m6 9 6 6 6-6" />
  </Icon>
)

/** A chevron pointing right: between breadcrumbs. */
export const ChevronRightIcon = (props: IconProps) => (
  <Icon size={18} {...props}>
    <path d="m9 6 6 6-6 6" />
  </Icon>
)

/** An arrow leaving a door: sign out. */
export const SignOutIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 16l-4-4 4-4M6 12h10" />
  </Icon>
)

/** A globe: the language choice. */
export const LanguageIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3Z" />
  </Icon>
)

/** A tick: the selected choice in a menu. */
export const CheckIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="m5 12.5 4.5 4.5L19 7.5" />
  </Icon>
)

/** A house: the home page. */
export const HomeIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3.5 11 12 4l8.5 7M6 9.5V20h4.5v-5.5h3V20H18V9.5" />
  </Icon>
)
