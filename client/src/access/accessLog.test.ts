import { describe, expect, it } from 'vitest'
import { ACCESS_KINDS, AccessLogPage, parseResponse, type AccessEntry } from '@hononga/shared'
import { accessLogCsvUrl, accessLogSearch } from '../api/client'
import { catalogues } from '../i18n/catalogues'
import { KIND_KEYS, mergePage, whatSentence } from './accessLog'

const entry = (id: number, kind: AccessEntry['kind'] = 'plan.opened', details: Record<string, unknown> = {}): AccessEntry => ({
  id,
  kind,
  person: { id: 'u1', name: 'Hone' },
  partner: { affiliation: 'iwi', organisation: 'Ngāti Awa' },
  details,
  at: '2026-11-29T01:00:00.000Z',
})

describe('access log query', () => {
  it('sends only the filters chosen, the partner as its key', () => {
    expect(accessLogSearch({})).toBe('')
    expect(accessLogSearch({ partner: 'iwi:ngāti awa', kind: 'export.csv', before: 42, limit: 50 })).toBe(
      '?partner=iwi%3Ang%C4%81ti+awa&kind=export.csv&before=42&limit=50',
    )
    expect(new URLSearchParams(accessLogSearch({ partner: 'iwi:ngāti awa' })).get('partner')).toBe('iwi:ngāti awa')
  })

  it('the CSV link carries partner and kind, never the paging', () => {
    expect(accessLogCsvUrl('p 1')).toBe('/api/plans/p%201/access-log.csv')
    expect(accessLogCsvUrl('p1', { kind: 'plan.opened', ...{ before: 9, limit: 2 } })).toBe('/api/plans/p1/access-log.csv?kind=plan.opened')
  })
})

describe('what an entry says', () => {
  it('names the snapshot when the server recorded its label, and which CSV was downloaded', () => {
    expect(whatSentence(entry(1, 'snapshot.viewed', { label: ' Agreed at hui ' }))).toEqual({
      key: 'what.snapshotViewedLabel',
      label: 'Agreed at hui',
    })
    expect(whatSentence(entry(1, 'snapshot.viewed', { snapshotId: 's1' }))).toEqual({ key: 'what.snapshotViewed' })
    expect(whatSentence(entry(1, 'export.csv', { file: 'actions', label: 'ignored' }))).toEqual({ key: 'what.exportCsv' })
    expect(whatSentence(entry(1, 'export.csv', { file: 'monitoring' }))).toEqual({ key: 'what.exportCsvMonitoring' })
  })

  it('every kind has a filter name and a sentence in English and te reo Māori', () => {
    for (const language of ['en', 'mi'] as const) {
      const access = catalogues[language].access
      for (const kind of ACCESS_KINDS) {
        const key = KIND_KEYS[kind]
        expect(access.kinds[key], `${language} kinds.${key}`).toMatch(/\S/)
        expect(access.what[key], `${language} what.${key}`).toMatch(/\S/)
      }
    }
  })
})

describe('paging', () => {
  it('a first page replaces the list; a later one is added below without repeats', () => {
    const shown = [entry(5), entry(4)]
    expect(mergePage(shown, [entry(9)], false).map((e) => e.id)).toEqual([9])
    expect(mergePage(shown, [entry(4), entry(3)], true).map((e) => e.id)).toEqual([5, 4, 3])
  })

  it('the page shape parses, and a kind the client does not know is refused', () => {
    const page = { entries: [entry(3)], nextBefore: null }
    expect(parseResponse(AccessLogPage, page).ok).toBe(true)
    expect(parseResponse(AccessLogPage, { entries: [{ ...entry(3), kind: 'made.up' }], nextBefore: null }).ok).toBe(false)
  })
})
