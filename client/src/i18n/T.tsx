import { useTranslation } from 'react-i18next'
import { isTranslated } from './index'

/**
 * Visible text for a key. When the current language falls back to English for this key,
 * the text is marked `lang="en"` so screen readers pronounce it right (WCAG 3.1.2).
 */
export function T({ k, values }: { k: string; values?: Record<string, unknown> }) {
  const { t, i18n } = useTranslation()
  // `k` is not a typed key (callers build many from data): `defaultValue: k` is what i18next
  // shows for a missing key anyway, and is the typed way to pass a string key.
  const text = t(k, { ...values, defaultValue: k })
  if (i18n.language !== 'en' && !isTranslated(k)) return <span lang="en">{text}</span>
  return <>{text}</>
}
