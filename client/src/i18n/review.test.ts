import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { coverageOf, reviewedOnly, reviewHash, type ReviewFile, type Tree } from './review'

const english: Tree = {
  title: 'Plans',
  here_one: '{{count}} person here',
  here_other: '{{count}} people here',
  nav: { tracker: 'Action tracker', monitoring: 'How we’ll know' },
  questions: ['Who is affected?', 'What works?'] as unknown as Tree,
}
const maori: Tree = {
  title: 'Ngā mahere',
  here_one: 'Kotahi te tangata kei konei',
  here_other: 'E {{count}} ngā tāngata kei konei',
  nav: { tracker: 'Te rārangi mahi' },
  questions: ['Ko wai ka pāngia?', 'He aha e whai hua ana?'] as unknown as Tree,
}
const record = (en: string, mi: string) => ({ by: 'Reviewer', on: '2026-11-29', hash: reviewHash(en, mi) })
/** The shown Māori of namespace `ns`, with no groups but plural forms and lists unless given. */
const shown = (review: ReviewFile, together: string[][] = []) => reviewedOnly({ ns: english }, { ns: maori }, review, together).ns

describe('reviewed Māori only', () => {
  it('keeps a reviewed string and drops every draft, so the draft falls back to English whole', () => {
    expect(shown({ reviewed: { 'ns:title': record('Plans', 'Ngā mahere') } })).toEqual({ title: 'Ngā mahere' })
    expect(shown({ reviewed: {} })).toEqual({})
  })

  it('sends a string back to draft when its English or its Māori changes after review', () => {
    expect(shown({ reviewed: { 'ns:title': record('My plans', 'Ngā mahere') } })).toEqual({})
    expect(shown({ reviewed: { 'ns:title': record('Plans', 'Aku mahere') } })).toEqual({})
  })

  it('trusts a hand-written record until it is stamped', () => {
    expect(shown({ reviewed: { 'ns:nav.tracker': { by: 'Reviewer', on: '2026-11-29' } } })).toEqual({ nav: { tracker: 'Te rārangi mahi' } })
  })

  it('keeps a list only when every item is reviewed', () => {
    const one = { 'ns:questions.0': record('Who is affected?', 'Ko wai ka pāngia?') }
    expect(shown({ reviewed: one })).toEqual({})
    const both = { ...one, 'ns:questions.1': record('What works?', 'He aha e whai hua ana?') }
    expect(shown({ reviewed: both })).toEqual({ questions: maori.questions })
  })

  it('keeps a plural form only with all its siblings reviewed', () => {
    expect(shown({ reviewed: { 'ns:here_other': record('{{count}} people here', 'E {{count}} ngā tāngata kei konei') } })).toEqual({})
  })

  it('keeps strings shown in one sentence only when all of them are reviewed', () => {
    const review: ReviewFile = { reviewed: { 'ns:title': record('Plans', 'Ngā mahere') } }
    expect(shown(review, [['ns:title', 'ns:nav.*']])).toEqual({})
    const tracker = { 'ns:nav.tracker': record('Action tracker', 'Te rārangi mahi') }
    // nav.monitoring has no Māori at all, so the group stays in English.
    expect(shown({ reviewed: { ...review.reviewed, ...tracker } }, [['ns:title', 'ns:nav.*']])).toEqual({})
    expect(shown({ reviewed: { ...review.reviewed, ...tracker } }, [['ns:title', 'ns:nav.tracker']])).toEqual({
      title: 'Ngā mahere',
      nav: { tracker: 'Te rārangi mahi' },
    })
  })

  it('counts reviewed, draft and missing over the English keys', () => {
    const review: ReviewFile = { reviewed: { 'ns:title': record('Plans', 'Ngā mahere') } }
    expect(coverageOf('ns', english, maori, review)).toEqual({ namespace: 'ns', english: 7, reviewed: 1, draft: 5, missing: 1 })
  })

  it('an i18next instance given the filtered catalogue shows reviewed Māori and English for the rest', async () => {
    const review: ReviewFile = {
      reviewed: {
        'ns:here_one': record('{{count}} person here', 'Kotahi te tangata kei konei'),
        'ns:here_other': record('{{count}} people here', 'E {{count}} ngā tāngata kei konei'),
      },
    }
    const i18n = i18next.createInstance()
    await i18n.init({
      resources: { en: { ns: english }, mi: { ns: shown(review) ?? {} } },
      lng: 'mi',
      fallbackLng: 'en',
      ns: ['ns'],
      defaultNS: 'ns',
    })
    // The keys here are the test's own, not the app's typed ones.
    const t = i18n.t.bind(i18n) as unknown as (key: string, options?: object) => string
    expect(t('title')).toBe('Plans')
    expect(t('here', { count: 3 })).toBe('E 3 ngā tāngata kei konei')
    expect(t('here', { count: 1 })).toBe('Kotahi te tangata kei konei')
    expect(t('nav.monitoring')).toBe('How we’ll know')
  })
})
