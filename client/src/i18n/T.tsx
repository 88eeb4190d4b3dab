import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Namespace } from './catalogues'
import { langOf } from './index'

/** Any key of the English catalogues: a common key as it is, another namespace's as `ns:key`. */
export type AnyKey = ParseKeys<Namespace[]>

/**
 * Visible text for a key. When the text is in another language than the page (English
 * fallback on a Māori page, or reviewed Māori on a page that is still mostly English), it is
 * marked with its own `lang` so screen readers pronounce it right (WCAG 3.1.2).
 */
export function T({ k, values }: { k: AnyKey; values?: Record<string, unknown> }) {
  const { t } = useTranslation(['common'])
  const text = t(k, { ...values, defaultValue: k })
  const lang = langOf(k)
  if (lang) return <span lang={lang}>{text}</span>
  return <>{text}</>
}
