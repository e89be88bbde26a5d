import type { Selection } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n/index.ts'
import { useSignOut } from '../modules/auth/api.ts'
import { useErrorText } from '../ui/ErrorMessage.tsx'
import { ChevronDownIcon, SignOutIcon, UserIcon } from '../ui/icons/ui-icons.tsx'
import { MenuButton, MenuItem, MenuSection, MenuSeparator } from '../ui/Menu.tsx'

/** Initials for the avatar: "Marie-Anne DUPONT" gives "MD". */
function initialsOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/)
  const first = words[0]?.[0] ?? ''
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : ''
  return (first + last).toLocaleUpperCase('fr')
}

/**
 * The account menu of the header: who is signed in, "Mon compte", the interface language, and signing
 * out.
 */
export function UserMenu({
  displayName,
  onSignOutError,
}: {
  displayName: string | undefined
  onSignOutError: (detail: string) => void
}) {
  const { t } = useTranslation()
  const signOut = useSignOut()
  const errorText = useErrorText()
  const name = displayName ?? ''

  const onLanguage = (selection: Selection) => {
    const [language] = selection === 'all' ? [] : [...selection]
    if (typeof language === 'string') changeLanguage(language as Language)
  }

  return (
    <MenuButton
      trigger={
        <>
          <span className="avatar" aria-hidden="true" data-initials={initialsOf(name)} />
          <span className="visually-hidden">{t('shell.account')} </span>
          <span className="hide-on-phone user-name">{name}</span>
          <ChevronDownIcon />
        </>
      }
      triggerClassName="user-menu-trigger"
      header={name}
    >
      <MenuItem id="account" href="/mon-compte" textValue={t('shell.myAccount')}>
        <UserIcon />
        <span>{t('shell.myAccount')}</span>
      </MenuItem>
      <MenuSeparator />
      <MenuSection
        title={t('shell.language')}
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[currentLanguage()]}
        onSelectionChange={onLanguage}
      >
        {LANGUAGES.map((language) => (
          <MenuItem key={language} id={language} lang={language}>
            {t(`language.${language}`)}
          </MenuItem>
        ))}
      </MenuSection>
      <MenuSeparator />
      <MenuItem
        id="sign-out"
        textValue={t('shell.signOut')}
        onAction={() => signOut().catch((error: unknown) => onSignOutError(errorText(error)))}
      >
        <SignOutIcon />
        <span>{t('shell.signOut')}</span>
      </MenuItem>
    </MenuButton>
  )
}
