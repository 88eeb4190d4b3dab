import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { LOCAL_ORIGIN } from '../origin'
import { SCHEMA_VERSION } from '../protocol'
import { getPlanMeta, getPlanRoots, initPlanDoc, setPlanMetaField } from './roots'
import { newPlanDoc } from './testing'

describe('getPlanRoots', () => {
  it('types every root', () => {
    const roots = getPlanRoots(new Y.Doc())
    expect(roots.meta).toBeInstanceOf(Y.Map)
    expect(roots.focusAreas).toBeInstanceOf(Y.Map)
    expect(roots.environment).toBeInstanceOf(Y.XmlFragment)
    expect(roots.conditions).toBeInstanceOf(Y.Map)
    expect(roots.actions).toBeInstanceOf(Y.Map)
  })

  it('returns the same types every time', () => {
    const doc = new Y.Doc()
    expect(getPlanRoots(doc).actions).toBe(getPlanRoots(doc).actions)
  })
})

describe('initPlanDoc', () => {
  it('creates the meta texts and values', () => {
    const doc = new Y.Doc()
    initPlanDoc(doc, { title: 'Mahere ā-rohe', community: 'Ngāti Awa', district: ' Bay of Plenty ', createdAt: 1_700_000_000_000 })
    const meta = getPlanMeta(doc)
    expect(meta.title?.toString()).toBe('Mahere ā-rohe')
    expect(meta.community?.toString()).toBe('Ngāti Awa')
    expect(meta.district).toBe('Bay of Plenty')
    expect(meta.createdAt).toBe(1_700_000_000_000)
    expect(meta.schemaVersion).toBe(SCHEMA_VERSION)
  })

  it('is one transaction with the given origin', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
    const origin = { source: 'server', reason: 'plan created' } as const
    initPlanDoc(doc, { title: 'T', community: 'C' }, origin)
    expect(origins).toEqual([origin])
  })

  it('refuses to initialise twice', () => {
    const doc = newPlanDoc()
    expect(() => initPlanDoc(doc, { title: 'again', community: 'again' })).toThrow(/already initialised/)
  })

  it('refuses bad values', () => {
    expect(() => initPlanDoc(new Y.Doc(), { title: 5 as unknown as string, community: 'C' })).toThrow(/title/)
    expect(() => initPlanDoc(new Y.Doc(), { title: 'T', community: 'C', createdAt: NaN })).toThrow(/createdAt/)
  })
})

describe('getPlanMeta', () => {
  it('reads null texts before the plan has synced', () => {
    const meta = getPlanMeta(new Y.Doc())
    expect(meta.title).toBeNull()
    expect(meta.community).toBeNull()
    expect(meta.district).toBeNull()
  })
})

describe('setPlanMetaField', () => {
  it('sets the district, blank meaning none', () => {
    const doc = newPlanDoc()
    setPlanMetaField(doc, 'district', 'Eastern')
    expect(getPlanMeta(doc).district).toBe('Eastern')
    setPlanMetaField(doc, 'district', '  ')
    expect(getPlanMeta(doc).district).toBeNull()
    setPlanMetaField(doc, 'district', 'Waitemata\u0304')
    expect(getPlanMeta(doc).district).toBe('Waitematā')
    setPlanMetaField(doc, 'district', null)
    expect(getPlanMeta(doc).district).toBeNull()
  })

  it('edits the title and community in place', () => {
    const doc = newPlanDoc({ title: 'Mahere', community: 'Whakatane' })
    const title = getPlanMeta(doc).title
    setPlanMetaField(doc, 'title', 'Mahere hou', LOCAL_ORIGIN)
    setPlanMetaField(doc, 'community', 'Whakatāne')
    expect(getPlanMeta(doc).title).toBe(title)
    expect(getPlanMeta(doc).title?.toString()).toBe('Mahere hou')
    expect(getPlanMeta(doc).community?.toString()).toBe('Whakatāne')
  })

  it('refuses bad values and uninitialised plans', () => {
    expect(() => setPlanMetaField(new Y.Doc(), 'title', 'x')).toThrow(/not initialised/)
    const doc = newPlanDoc()
    expect(() => setPlanMetaField(doc, 'district', 7 as unknown as string)).toThrow(/District/)
    expect(() => setPlanMetaField(doc, 'nope' as 'title', 'x')).toThrow(/Unknown plan meta field/)
  })
})
