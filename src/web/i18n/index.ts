import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import fr from './fr.json' with { type: 'json' }

/** The languages of the interface; French is the default and the fallback. */
export const LANGUAGES = ['fr', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

/** The BCP 47 locale React Aria formats with, per interface language. */
export const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' }

const STORAGE_KEY = 'preau.language'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof fr }
  }
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLanguage(value) ? value : 'fr'
  } catch {
    return 'fr'
  }
}

// Only French ships in the main bundle: other languages load when someone picks them.
const LOADERS: Record<Exclude<Language, 'fr'>, () => Promise<{ default: typeof fr }>> = {
  en: () => import('./en.json', { with: { type: 'json' } }),
}

async function loadLanguage(language: Language): Promise<void> {
  if (language === 'fr' || i18n.hasResourceBundle(language, 'translation')) return
  const { default: resources } = await LOADERS[language]()
  i18n.addResourceBundle(language, 'translation', resources)
}

/** Starts i18next in the language the user chose last time, and keeps `<html lang>` in step with it. */
export async function initI18n(): Promise<typeof i18n> {
  const language = storedLanguage()
  await i18n.use(initReactI18next).init({
    lng: 'fr',
    fallbackLng: 'fr',
    supportedLngs: [...LANGUAGES],
    resources: { fr: { translation: fr } },
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng
  })
  if (language !== 'fr') await changeLanguage(language)
  document.documentElement.lang = i18n.language
  return i18n
}

/** Switches the interface language and remembers the choice on this device. */
export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language)
  await i18n.changeLanguage(language)
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Private browsing may refuse storage: the choice then lasts until the page is reloaded.
  }
}

/** The current interface language. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'fr'
}
