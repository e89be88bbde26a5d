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

/** A person's head and shoulders: my account. */
export const UserIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21c.8-4 3.8-6.5 8-6.5s7.2 2.5 8 6.5" />
  </Icon>
)

/** A shield with a tick: security, the second step of sign-in. */
export const ShieldIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="M12 3 5 6v5.5c0 4.4 3 8 7 9.5 4-1.5 7-5.1 7-9.5V6Z" />
    <path d="m9 12 2.2 2.2L15.5 10" />
  </Icon>
)

/** A phone: a session on a phone or tablet. */
export const PhoneDeviceIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="6.5" y="2.5" width="11" height="19" rx="2" />
    <path d="M11 18.5h2" />
  </Icon>
)

/** A laptop: a session on a computer. */
export const ComputerIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="4" y="5" width="16" height="11" rx="1.5" />
    <path d="M2 19.5h20" />
  </Icon>
)

/** Two sheets: copy. */
export const CopyIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <rect x="8" y="8" width="12" height="12" rx="2" />
    <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
  </Icon>
)

/** An empty circle: a rule not met yet. */
export const CircleIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <circle cx="12" cy="12" r="8" />
  </Icon>
)

/** An envelope: an e-mail address. */
export const MailIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="m3.5 6.5 8.5 6.5 8.5-6.5" />
  </Icon>
)

/** A handset: a phone number. */
export const CallIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="M5 3.5h3.5l1.5 4.5-2.2 1.4a11 11 0 0 0 4.8 4.8l1.4-2.2 4.5 1.5V17a2 2 0 0 1-2 2A15.5 15.5 0 0 1 3 5.5a2 2 0 0 1 2-2Z" />
  </Icon>
)

/** A plus: add something. */
export const PlusIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
)

/** A pencil: edit. */
export const EditIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="M4 20h4L19 9l-4-4L4 16v4ZM13.5 6.5l4 4" />
  </Icon>
)

/** A magnifying glass: search. */
export const SearchIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m16 16 4.5 4.5" />
  </Icon>
)

/** An arrow into a tray: download. */
export const DownloadIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5M4.5 19.5h15" />
  </Icon>
)

/** A printer: print. */
export const PrintIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <path d="M7 9V4h10v5M7 17H5a1.5 1.5 0 0 1-1.5-1.5v-5A1.5 1.5 0 0 1 5 9h14a1.5 1.5 0 0 1 1.5 1.5v5A1.5 1.5 0 0 1 19 17h-2" />
    <path d="M7 14h10v6H7z" />
  </Icon>
)

/** A key: passwords and codes. */
export const KeyIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <circle cx="8" cy="15" r="4" />
    <path d="m11 12 8.5-8.5M16 7l2.5 2.5M14 9l2 2" />
  </Icon>
)

/** A gear: administration. */
export const SettingsIcon = (props: IconProps) => (
  <Icon size={20} {...props}>
    <circle cx="12" cy="12" r="3" />
    <path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1" />
  </Icon>
)
