import type { ReactNode } from 'react'
import { Icon, type IconProps } from './Icon.tsx'

// One simple drawing per application, recognisable at 24 px by someone who cannot read yet.
const DRAWINGS: Record<string, ReactNode> = {
  schools: (
    <>
      <path d="M3 10.5 12 4l9 6.5" />
      <path d="M5 9v11h14V9" />
      <path d="M10 20v-5h4v5M12 4V1.5h3" />
    </>
  ),
  messaging: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3.5 6.5 8.5 6.5 8.5-6.5" />
    </>
  ),
  notebook: (
    <>
      <path d="M6 3h12a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z" />
      <path d="M8 3v18M11.5 8h4M11.5 12h4" />
    </>
  ),
  homework: (
    <>
      <path d="M4 5.5A1.5 1.5 0 0 1 5.5 4H14l4 4v10.5a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 4 18.5Z" />
      <path d="m8 13 2.5 2.5L16 10" />
    </>
  ),
  calendar: (
    <>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4M7.5 14h2M14.5 14h2M7.5 17.5h2" />
    </>
  ),
  blog: (
    <>
      <path d="M4 4h16v12H9l-5 4Z" />
      <path d="M8 8.5h8M8 12h5" />
    </>
  ),
  news: (
    <>
      <path d="M4 5h13v14a1 1 0 0 0 1 1H6a2 2 0 0 1-2-2Z" />
      <path d="M17 9h3v10a1 1 0 0 1-2 0M7.5 9h6M7.5 12.5h6M7.5 16h4" />
    </>
  ),
  photos: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="8.5" cy="9.5" r="1.8" />
      <path d="m21 16-5-5-9 9" />
    </>
  ),
  workspace: <path d="M3 7a2 2 0 0 1 2-2h4l2 2.5h8a2 2 0 0 1 2 2V18a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2Z" />,
  directory: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c.7-3.6 3.3-5.5 6.5-5.5s5.8 1.9 6.5 5.5M16 4.8a3.5 3.5 0 0 1 0 6.4M18.5 14.8c1.6.8 2.6 2.6 3 5.2" />
    </>
  ),
  resources: (
    <>
      <path d="M12 6.5C10 5 7.5 4.5 3 4.5v14c4.5 0 7 .5 9 2 2-1.5 4.5-2 9-2v-14c-4.5 0-7 .5-9 2Z" />
      <path d="M12 6.5v14" />
    </>
  ),
  'school-admin': (
    <>
      <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h10M18 18h2" />
      <circle cx="16" cy="6" r="2" />
      <circle cx="10" cy="12" r="2" />
      <circle cx="16" cy="18" r="2" />
    </>
  ),
  statistics: <path d="M4 20h16M7 16v-5M12 16V6M17 16v-8" />,
  members: (
    <>
      <path d="M3 9.5 12 4l9 5.5M4 20h16M5.5 10v7M10 10v7M14 10v7M18.5 10v7" />
    </>
  ),
  contributions: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M15.5 8.3A4.5 4.5 0 1 0 15.5 15.7M7 10.5h6M7 13.5h6" />
    </>
  ),
  governance: (
    <>
      <path d="M4 13h16v7H4Z" />
      <path d="M8 13V4h8v9M10.5 8l1.2 1.2L14 7M9 16.5h6" />
    </>
  ),
  'my-data': (
    <>
      <path d="M12 3 5 6v5.5c0 4.4 3 8 7 9.5 4-1.5 7-5.1 7-9.5V6Z" />
      <circle cx="12" cy="10.5" r="2.2" />
      <path d="M8.5 16.5c.8-1.6 2-2.3 3.5-2.3s2.7.7 3.5 2.3" />
    </>
  ),
}

/** The icon of an application of the portal (a plain square for an app it does not know yet). */
export function AppIcon({ appId, ...props }: IconProps & { appId: string }) {
  return <Icon {...props}>{DRAWINGS[appId] ?? <rect x="4" y="4" width="16" height="16" rx="3" />}</Icon>
}
