import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { catalogues, NAMESPACES } from './catalogues'
import { localesFor } from './locale'

/**
 * Every visible string goes through i18next. English is complete; te reo Māori covers
 * navigation, the ROCC step names and the main actions, and falls back to English for the
 * rest (see `mi/review.json` for what still needs a fluent speaker's review).
 */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'mi', label: 'Te reo Māori' },
] as const
export type Language = (typeof LANGUAGES)[number]['code']

const STORAGE_KEY = 'hononga:language'

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (stored === 'en' || stored === 'mi') return stored
  return navigator.language?.toLowerCase().startsWith('mi') ? 'mi' : 'en'
}

export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  resources: catalogues,
  lng: initialLanguage(),
  fallbackLng: 'en',
  ns: [...NAMESPACES],
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
})

function applyLanguage(language: string): void {
  document.documentElement.lang = language
}
applyLanguage(i18n.language)
i18n.on('languageChanged', (language) => {
  applyLanguage(language)
  globalThis.localStorage?.setItem(STORAGE_KEY, language)
})

/** Whether `key` (`ns:key`) has its own text in the current language, rather than English. */
export function isTranslated(key: string): boolean {
  return i18n.language === 'en' || i18n.exists(key, { lng: i18n.language, fallbackLng: [] })
}

/** The locale for dates, numbers and lists in the current language (./locale.ts). */
export function formatLocale(): string {
  return localesFor(i18n.language).date
}
