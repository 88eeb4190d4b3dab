import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { isTranslated, LANGUAGES, setShowMaoriDrafts, showsMaoriDrafts, type Language } from './index'

/** The switcher's three choices: a language, or te reo Māori with its unreviewed drafts too. */
type Choice = Language | 'mi-drafts'

/**
 * The language switcher in the header. Te reo Māori is offered twice: reviewed strings only
 * (English for the rest; the default, so nobody meets unreviewed language they did not choose),
 * or with the drafts that await a fluent speaker's review, labelled as such. Both the language
 * and the drafts choice are kept on this device (./index.ts); when signed in, the language is
 * also saved with the account, so email comes in it too (best effort: the screen changes
 * whether or not the server is reachable).
 */
export function LanguageSelect({ signedIn = false }: { signedIn?: boolean }) {
  const { t, i18n } = useTranslation('common')
  const current: Choice = i18n.language.startsWith('mi') ? (showsMaoriDrafts() ? 'mi-drafts' : 'mi') : 'en'
  const choose = async (choice: Choice) => {
    const language: Language = choice === 'en' ? 'en' : 'mi'
    if (choice !== 'en') await setShowMaoriDrafts(choice === 'mi-drafts')
    await i18n.changeLanguage(language)
    if (signedIn) void api.updateMe({ language }).catch(() => undefined)
  }
  return (
    <label className="language-select">
      <span className="visually-hidden">{t('language.label')}</span>
      <select value={current} onChange={(event) => void choose(event.target.value as Choice)}>
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.label}
          </option>
        ))}
        <option value="mi-drafts" lang={i18n.language.startsWith('mi') && isTranslated('common:language.withDrafts') ? 'mi' : 'en'}>
          {t('language.withDrafts')}
        </option>
      </select>
    </label>
  )
}
