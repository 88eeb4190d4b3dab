import { afterAll, describe, expect, it } from 'vitest'
import { catalogues } from './catalogues'
import { i18n, isTranslated, langOf, maoriResources, pageLanguage, setShowMaoriDrafts, showsMaoriDrafts } from './index'
import { leaves, type Tree } from './review'

/** A common key whose Māori is still a draft (differs from English and is not shown when drafts are hidden). */
function aDraftKey(): [string, string, string] | undefined {
  const shown = leaves(maoriResources(false).common ?? {})
  const english = leaves(catalogues.en.common as Tree)
  for (const [key, text] of leaves(catalogues.mi.common as Tree)) {
    const en = english.get(key)
    if (!shown.has(key) && en !== undefined && en !== text && !en.includes('{{')) return [key, en, text]
  }
  return undefined
}

/** The app's own i18next instance, as the header's language switcher drives it. */
describe('the reviewed-Māori-only setting', () => {
  afterAll(async () => {
    await setShowMaoriDrafts(false)
    await i18n.changeLanguage('en')
  })

  it('is on by default: choosing te reo Māori shows a draft string in English, whole', async () => {
    expect(showsMaoriDrafts()).toBe(false)
    await i18n.changeLanguage('mi')
    // Still te reo Māori (for the switcher and for dates) even when no Māori string is shown.
    expect(i18n.language).toBe('mi')
    const draft = aDraftKey()
    if (!draft) return // every common string reviewed: nothing left to hide
    const [key, english] = draft
    expect(i18n.t(key as 'nav.plans')).toBe(english)
    expect(isTranslated(`common:${key}`)).toBe(false)
    // While most strings are unreviewed the page is English, so the fallback needs no mark of its own.
    if (pageLanguage() === 'en') expect(langOf(`common:${key}`)).toBeUndefined()
    else expect(langOf(`common:${key}`)).toBe('en')
  })

  it('opting in to drafts shows the draft Māori, and the page is marked Māori', async () => {
    await setShowMaoriDrafts(true)
    expect(i18n.language).toBe('mi')
    const draft = aDraftKey()
    if (draft) expect(i18n.t(draft[0] as 'nav.plans')).toBe(draft[2])
    expect(i18n.t('tracker:nav')).toBe('Te rārangi mahi')
    expect(i18n.t('common:steps.monitoring')).not.toBe(i18n.t('tracker:nav'))
    expect(isTranslated('common:nav.plans')).toBe(true)
    expect(pageLanguage()).toBe('mi')
    expect(langOf('common:nav.plans')).toBeUndefined()
  })

  it('opting out again hides the drafts', async () => {
    await setShowMaoriDrafts(false)
    const draft = aDraftKey()
    if (draft) expect(i18n.t(draft[0] as 'nav.plans')).toBe(draft[1])
    expect(showsMaoriDrafts()).toBe(false)
  })
})
