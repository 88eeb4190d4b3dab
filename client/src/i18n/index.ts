import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { catalogues, NAMESPACES } from './catalogues'
import { localesFor } from './locale'
import reviewFile from './mi/review.json'
import { coverageOf, reviewedOnly, type ReviewFile, type Tree } from './review'

/**
 * Every visible string goes through i18next. English is complete; te reo Māori has a draft
 * for every string, and `mi/review.json` records which ones a fluent speaker has reviewed.
 * Choosing te reo Māori shows the reviewed strings only, each other string in English as a
 * whole sentence, unless the person opts in to the drafts too: partners are never shown
 * unreviewed language they did not choose. Both choices are kept on this device.
 */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'mi', label: 'Te reo Māori' },
] as const
export type Language = (typeof LANGUAGES)[number]['code']

const STORAGE_KEY = 'hononga:language'
const DRAFTS_KEY = 'hononga:maoriDrafts'
const review = reviewFile as ReviewFile

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (stored === 'en' || stored === 'mi') return stored
  return globalThis.navigator?.language?.toLowerCase().startsWith('mi') ? 'mi' : 'en'
}

/** Kept in memory too, so the choice holds for this page where storage is unavailable. */
let drafts = globalThis.localStorage?.getItem(DRAFTS_KEY) === 'shown'

/** Whether this device shows draft (unreviewed) Māori too; off unless the person opted in. */
export function showsMaoriDrafts(): boolean {
  return drafts
}

/** The Māori resources to load: every draft, or only what review.json says was reviewed. */
export function maoriResources(withDrafts: boolean): Record<string, Tree> {
  const maori = catalogues.mi as unknown as Record<string, Tree>
  return withDrafts ? maori : reviewedOnly(catalogues.en as unknown as Record<string, Tree>, maori, review)
}

/** The share of English strings that are shown in Māori when drafts are hidden (0 to 1). */
const reviewedShare = (() => {
  const rows = NAMESPACES.map((ns) => coverageOf(ns, catalogues.en[ns] as Tree, catalogues.mi[ns] as Tree, review))
  const total = rows.reduce((sum, row) => sum + row.english, 0)
  return total === 0 ? 0 : rows.reduce((sum, row) => sum + row.reviewed, 0) / total
})()

export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  resources: { en: catalogues.en, mi: maoriResources(showsMaoriDrafts()) },
  lng: initialLanguage(),
  fallbackLng: 'en',
  ns: [...NAMESPACES],
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
})

/**
 * The language most of the page is in, for `<html lang>`: Māori only when Māori is chosen and
 * most strings are shown in Māori (all drafts, or enough reviewed ones); otherwise English.
 * Strings in the other language are marked one by one where cheap ({@link T}).
 */
export function pageLanguage(): Language {
  if (!i18n.language.startsWith('mi')) return 'en'
  return showsMaoriDrafts() || reviewedShare >= 0.5 ? 'mi' : 'en'
}

function applyLanguage(): void {
  if (globalThis.document) document.documentElement.lang = pageLanguage()
}
applyLanguage()
i18n.on('languageChanged', (language) => {
  applyLanguage()
  globalThis.localStorage?.setItem(STORAGE_KEY, language)
})

/**
 * Shows or hides draft Māori on this device: swaps the loaded Māori strings and re-renders
 * every translated component (through i18next's `languageChanged`).
 */
export async function setShowMaoriDrafts(show: boolean): Promise<void> {
  drafts = show
  if (show) globalThis.localStorage?.setItem(DRAFTS_KEY, 'shown')
  else globalThis.localStorage?.removeItem(DRAFTS_KEY)
  for (const [ns, tree] of Object.entries(maoriResources(show))) {
    i18n.removeResourceBundle('mi', ns)
    i18n.addResourceBundle('mi', ns, tree, true, true)
  }
  await i18n.changeLanguage(i18n.language)
}

/** Whether `key` (`ns:key`) is shown in the current language's own text, rather than English. */
export function isTranslated(key: string): boolean {
  return i18n.language === 'en' || i18n.exists(key, { lng: i18n.language, fallbackLng: [] })
}

/**
 * The `lang` to put on one string's element when it differs from the page's ({@link pageLanguage}),
 * else undefined: English fallback text on a Māori page, Māori text on a page that is mostly English.
 */
export function langOf(key: string): Language | undefined {
  const shown: Language = i18n.language.startsWith('mi') && isTranslated(key) ? 'mi' : 'en'
  return shown === pageLanguage() ? undefined : shown
}

/** The locale for dates, numbers and lists in the current language (./locale.ts). */
export function formatLocale(): string {
  return localesFor(i18n.language).date
}
