import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Namespace } from './catalogues'
import { isTranslated } from './index'

/** Any key of the English catalogues: a common key as it is, another namespace's as `ns:key`. */
export type AnyKey = ParseKeys<Namespace[]>

/**
 * Visible text for a key. When the current language falls back to English for this key,
 * the text is marked `lang="en"` so screen readers pronounce it right (WCAG 3.1.2).
 */
export function T({ k, values }: { k: AnyKey; values?: Record<string, unknown> }) {
  const { t, i18n } = useTranslation(['common'])
  const text = t(k, { ...values, defaultValue: k })
  if (i18n.language !== 'en' && !isTranslated(k)) return <span lang="en">{text}</span>
  return <>{text}</>
}
