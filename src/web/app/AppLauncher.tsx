import { useTranslation } from 'react-i18next'
import type { PortalResponse } from '../../contract/portal.ts'
import { appName } from '../modules/portal/labels.ts'
import { AppIcon } from '../ui/icons/app-icons.tsx'
import { AppsIcon, ChevronDownIcon, HomeIcon } from '../ui/icons/ui-icons.tsx'
import { MenuButton, MenuItem, MenuSeparator } from '../ui/Menu.tsx'

/**
 * The header's application menu: the home page and every application that is ready. Coming ones are
 * shown on the home page only, so this menu stays short on a phone.
 */
export function AppLauncher({ apps }: { apps: PortalResponse['apps'] }) {
  const { t } = useTranslation()
  const ready = apps.filter((app) => app.ready)
  return (
    <MenuButton
      aria-label={t('shell.appsMenu')}
      trigger={
        <>
          <AppsIcon />
          <span className="hide-on-phone">{t('shell.apps')}</span>
          <ChevronDownIcon className="hide-on-phone" />
        </>
      }
    >
      <MenuItem id="home" href="/" textValue={t('common.home')}>
        <HomeIcon />
        <span>{t('common.home')}</span>
      </MenuItem>
      <MenuSeparator />
      {ready.map((app) => (
        <MenuItem key={app.id} id={app.id} href={app.path} textValue={appName(t, app.id)}>
          <AppIcon appId={app.id} />
          <span>{appName(t, app.id)}</span>
        </MenuItem>
      ))}
    </MenuButton>
  )
}
