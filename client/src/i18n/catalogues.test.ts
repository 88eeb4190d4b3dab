import { describe, expect, it } from 'vitest'
import review from './mi/review.json'
import { catalogues, NAMESPACES, type Namespace } from './catalogues'
import { leaves, matching, pluralBase as base, REVIEWED_TOGETHER, tags, variables, type ReviewFile, type Tree } from './review'

const keys = (tree: Tree) => [...leaves(tree).keys()]

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

  it.each(NAMESPACES)('every te reo Māori string in %s interpolates the same variables and tags as its English', (ns) => {
    const english = leaves(catalogues.en[ns] as Tree)
    const maori = leaves(catalogues.mi[ns] as Tree)
    const mismatched = [...maori].filter(([key, text]) => {
      // A plural form may lean on its sibling's English (mi `x_one` against en `x_other`).
      const en = english.get(key) ?? english.get(`${base(key)}_other`) ?? ''
      // A plural form may spell its number out ("1 action", "Kotahi te mahi"): `count` is optional there.
      const vars = (value: string) => variables(value).filter((name) => base(key) === key || name !== 'count')
      return vars(en).join() !== vars(text).join() || tags(en).join() !== tags(text).join()
    })
    expect(mismatched.map(([key]) => key)).toEqual([])
  })

  it('review.json names only existing Māori strings, each stamped with its review hash', () => {
    const file = review as ReviewFile
    for (const [id, record] of Object.entries(file.reviewed)) {
      const [ns = '', key = ''] = id.split(/:(.*)/s)
      expect(NAMESPACES as readonly string[], id).toContain(ns)
      const namespace = ns as Namespace
      expect(leaves(catalogues.mi[namespace] as Tree).has(key), `${id} has Māori text`).toBe(true)
      expect(leaves(catalogues.en[namespace] as Tree).has(key), `${id} has English text`).toBe(true)
      expect(record.by.trim(), `${id}: who reviewed it`).not.toBe('')
      expect(record.on, `${id}: when (YYYY-MM-DD)`).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(record.hash, `${id}: run pnpm i18n:coverage --stamp`).toMatch(/^[0-9a-f]{8}$/)
    }
  })

  it('every group of strings reviewed together names English keys, so the groups cannot rot', () => {
    const ids = NAMESPACES.flatMap((ns) => keys(catalogues.en[ns] as Tree).map((key) => `${ns}:${key}`))
    for (const group of REVIEWED_TOGETHER) for (const pattern of group) expect(matching(pattern, ids), pattern).not.toEqual([])
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
