import { describe, expect, it } from 'vitest'
import review from './mi/review.json'
import { catalogues, NAMESPACES } from './catalogues'

type Tree = { [key: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [prefix + key] : keys(value, `${prefix}${key}.`)))
}

/** i18next plural forms share one base key (`count_one`, `count_other`). */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '')

describe('string catalogues', () => {
  it.each(NAMESPACES)('every te reo Māori key in %s exists in English', (ns) => {
    const english = new Set(keys(catalogues.en[ns] as Tree).map(base))
    const maori = keys(catalogues.mi[ns] as Tree).map(base)
    expect(maori.filter((key) => !english.has(key))).toEqual([])
  })

  it('the Māori catalogue covers navigation, the ROCC step names and the main actions', () => {
    const maori = new Set(keys(catalogues.mi.common as Tree))
    for (const key of [
      'nav.plans',
      'nav.signIn',
      'nav.signOut',
      'steps.focusAreas',
      'steps.environment',
      'steps.actions',
      'steps.monitoring',
      'actions.save',
      'actions.add',
    ]) {
      expect(maori.has(key), key).toBe(true)
    }
  })

  it('every string marked for review exists (or names a whole namespace), so the list cannot rot', () => {
    for (const entry of review.needsReview) {
      const [ns, key] = entry.split(':') as [string, string]
      expect(NAMESPACES as readonly string[], entry).toContain(ns)
      if (key !== '*') expect(keys(catalogues.mi[ns as (typeof NAMESPACES)[number]] as Tree).map(base), entry).toContain(base(key))
    }
    // Every namespace with Māori strings is either reviewed or listed.
    for (const ns of NAMESPACES) {
      if (keys(catalogues.mi[ns] as Tree).length === 0) continue
      const listed = review.needsReview.some((entry) => entry === `${ns}:*` || entry.startsWith(`${ns}:`))
      expect(listed || review.reviewedBy.length > 0, ns).toBe(true)
    }
  })

  it('macrons survive in the catalogues (NFC, not decomposed)', () => {
    for (const ns of NAMESPACES) {
      for (const language of ['en', 'mi'] as const) {
        const text = JSON.stringify(catalogues[language][ns])
        expect(text.normalize('NFC')).toBe(text)
      }
    }
  })
})
