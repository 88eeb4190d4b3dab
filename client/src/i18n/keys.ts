import type { ParseKeys } from 'i18next'
import { catalogues, type Namespace } from './catalogues'

/**
 * Types of i18n keys, from the English catalogues (./i18next.d.ts): a key the catalogue lacks
 * does not type-check. Use these where a key is kept in data before it reaches `t` (a step's
 * label, a queued command's summary).
 */

/** A key of namespace `N`, as `useTranslation(N)`'s `t` takes it. */
export type KeyIn<N extends Namespace> = ParseKeys<N>

/**
 * Whether `key` is a key of namespace `ns` in the English catalogue (a plural key counts by
 * its `_other` form): for keys read back from storage, before they are used as {@link KeyIn}.
 */
export function isKeyIn<N extends Namespace>(ns: N, key: string): key is KeyIn<N> {
  let node: unknown = catalogues.en[ns]
  const parts = key.split('.')
  const last = parts.pop()
  for (const part of parts) node = typeof node === 'object' && node !== null ? new Map(Object.entries(node)).get(part) : undefined
  if (last === undefined || typeof node !== 'object' || node === null) return false
  const leaves = new Map<string, unknown>(Object.entries(node))
  return typeof leaves.get(last) === 'string' || typeof leaves.get(`${last}_other`) === 'string'
}
