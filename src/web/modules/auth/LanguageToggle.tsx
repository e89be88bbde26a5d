import { useTranslation } from 'react-i18next'
import { changeLanguage, currentLanguage } from '../../i18n/index.ts'
import { Button } from '../../ui/Button.tsx'
import { LanguageIcon } from '../../ui/icons/ui-icons.tsx'

/**
 * Before signing in there is no account menu: this button offers the other language, written in that
 * language (lang attribute) so screen readers pronounce it right.
 */
export function LanguageToggle() {
  const { t } = useTranslation()
  const other = currentLanguage() === 'fr' ? 'en' : 'fr'
  return (
    <Button
      variant="quiet"
      className="public-page__language"
      onPress={() => changeLanguage(other)}
      lang={other}
    >
      <LanguageIcon />
      {t('signIn.otherLanguage')}
    </Button>
  )
}
