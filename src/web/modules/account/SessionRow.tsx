import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { currentLanguage, LOCALES } from '../../i18n/index.ts'
import { Button } from '../../ui/Button.tsx'
import { ComputerIcon, PhoneDeviceIcon } from '../../ui/icons/ui-icons.tsx'
import type { SessionItem } from './api.ts'
import { describeUserAgent } from './devices.ts'
import { formatDateTime, timeAgo } from './relative-time.ts'

/** "Firefox sur Android", "Chrome", "Navigateur inconnu": the name a person recognises a device by. */
function deviceName(t: TFunction, userAgent: string | null): string {
  const { browser, system } = describeUserAgent(userAgent)
  if (browser && system) return t('account.deviceOn', { browser, system })
  return browser ?? system ?? t('account.unknownDevice')
}

/** One open session: the device, this one marked, the last activity, the address, and "Fermer". */
export function SessionRow({
  session,
  isClosing,
  onClose,
}: {
  session: SessionItem
  isClosing: boolean
  onClose: (deviceName: string) => void
}) {
  const { t } = useTranslation()
  const locale = LOCALES[currentLanguage()]
  const name = deviceName(t, session.userAgent)
  const lastSeen = new Date(session.lastSeenAt)
  const DeviceIcon = describeUserAgent(session.userAgent).isMobile ? PhoneDeviceIcon : ComputerIcon
  return (
    <li className={['session', session.isCurrent ? 'session--current' : ''].filter(Boolean).join(' ')}>
      <span className="session__icon">
        <DeviceIcon />
      </span>
      <div className="session__body">
        <p className="session__name">
          <span>{name}</span>
          {session.isCurrent && (
            <span className="status-badge status-badge--on">{t('account.thisDevice')}</span>
          )}
        </p>
        <p className="session__detail">
          {t('account.lastSeen')}{' '}
          <time dateTime={session.lastSeenAt} title={formatDateTime(lastSeen, locale)}>
            {timeAgo(lastSeen, locale) ?? t('account.justNow')}
          </time>
        </p>
        <p className="session__detail">
          {t('account.openedOn', { date: formatDateTime(new Date(session.createdAt), locale) })}
        </p>
        {session.ip && <p className="session__detail">{t('account.address', { ip: session.ip })}</p>}
      </div>
      {!session.isCurrent && (
        <Button
          variant="secondary"
          className="session__close"
          onPress={() => !isClosing && onClose(name)}
          aria-disabled={isClosing || undefined}
          aria-label={isClosing ? undefined : t('account.closeSessionOf', { device: name })}
        >
          {isClosing ? t('account.closing') : t('account.closeSession')}
        </Button>
      )}
    </li>
  )
}
