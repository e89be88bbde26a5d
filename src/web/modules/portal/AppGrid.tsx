import { useTranslation } from 'react-i18next'
import type { PortalResponse } from '../../../contract/portal.ts'
import { AppIcon } from '../../ui/icons/app-icons.tsx'
import { Link } from '../../ui/Link.tsx'
import { appName } from './labels.ts'
import './portal.css'

// A colour per app helps those who recognise apps by sight before they can read their names.
const HUES: Record<string, string> = {
  schools: 'orange',
  messaging: 'blue',
  notebook: 'red',
  homework: 'green',
  calendar: 'purple',
  blog: 'teal',
  news: 'orange',
  photos: 'pink',
  workspace: 'blue',
  directory: 'teal',
  resources: 'green',
  'school-admin': 'slate',
  statistics: 'purple',
  members: 'slate',
  contributions: 'green',
  governance: 'red',
  'my-data': 'slate',
}

/**
 * The application launcher of the portal. Ready apps are big tiles (links), two per row on a phone;
 * coming ones follow in a compact list under "Bientôt disponibles", so they neither push the schools
 * off the screen nor lead anyone to an empty page.
 */
export function AppGrid({
  apps,
  unread = {},
}: {
  apps: PortalResponse['apps']
  /** Unread feed items per application (« Quoi de neuf »): a badge on the tile. */
  unread?: Partial<Record<string, number>>
}) {
  const { t } = useTranslation()
  const ready = apps.filter((app) => app.ready)
  const soon = apps.filter((app) => !app.ready)
  return (
    <>
      <ul className="app-grid">
        {ready.map((app) => (
          <li key={app.id}>
            <Link href={app.path} className="app-tile">
              <AppBadge appId={app.id} size={30} />
              <span className="app-tile__name">{appName(t, app.id)}</span>
              <UnreadBadge count={unread[app.id] ?? 0} />
            </Link>
          </li>
        ))}
      </ul>
      {soon.length > 0 && (
        <>
          <h3 className="app-soon__title">{t('apps.comingSoon')}</h3>
          <ul className="app-soon">
            {soon.map((app) => (
              <li key={app.id} className="app-soon__item">
                <AppBadge appId={app.id} size={22} />
                <span>{appName(t, app.id)}</span>
                <UnreadBadge count={unread[app.id] ?? 0} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}

/** The number of unread items of an app, said in words to screen readers (« 3 nouveautés »). */
function UnreadBadge({ count }: { count: number }) {
  const { t } = useTranslation()
  if (count === 0) return null
  return (
    <span className="app-unread">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{t('feed.appUnread', { count })}</span>
    </span>
  )
}

function AppBadge({ appId, size }: { appId: string; size: number }) {
  return (
    <span className={`app-badge hue-${HUES[appId] ?? 'slate'}`}>
      <AppIcon appId={appId} size={size} />
    </span>
  )
}
