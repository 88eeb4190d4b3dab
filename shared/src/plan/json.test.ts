import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { SCHEMA_VERSION } from '../protocol'
import { addPriorityAction, getPriorityAction } from './actions'
import { PlanJson, toPlanJson } from './json'
import { ACTION_KEYS, MEASURE_KEYS, PROGRESS_KEYS, SECTION_ITEM_KEYS } from './keys'
import { addMeasure, addProgressEntry } from './monitoring'
import { appendParagraph } from './richtext'
import { getPlanRoots } from './roots'
import { addCondition, addFocusArea, getFocusArea, removeFocusArea } from './sections'
import { newPlanDoc } from './testing'

/** A plan with something in every part, as a hui might leave it. */
function populatedPlan() {
  const doc = newPlanDoc({ title: 'Mahere ROCC', community: 'Ngāti Awa', district: 'Bay of Plenty', createdAt: Date.UTC(2025, 0, 20) })
  const youth = addFocusArea(doc, { title: 'Rangatahi' })
  const meth = addFocusArea(doc, { title: 'Methamphetamine harm in Whakatāne', after: null })
  appendParagraph(getFocusArea(doc, youth)!.description, 'Young people drawn into dealing')
  appendParagraph(getPlanRoots(doc).environment, 'Strong marae, few jobs')
  addCondition(doc, { title: 'Iwi lead, agencies follow' })
  const action = addPriorityAction(doc, {
    title: 'Tikanga-based programme',
    focusAreaIds: [youth, meth],
    status: 'agreed',
    lead: 'Te Rūnanga o Ngāti Awa',
    partners: ['Health NZ', 'Ōpōtiki College'],
    dueDate: '2025-12-01',
  })
  const view = getPriorityAction(doc, action)!
  appendParagraph(view.activity, 'Wānanga for rangatahi')
  appendParagraph(view.output, '40 rangatahi attend')
  appendParagraph(view.outcome, 'Fewer recruited')
  appendParagraph(view.impact, 'Safer whānau')
  const measure = addMeasure(doc, action, {
    name: 'Attendance',
    baseline: 0,
    target: 40,
    unit: 'people',
    frequency: 'monthly',
    reporter: 'Kaiwhakahaere',
  })
  addProgressEntry(doc, action, {
    date: '2025-03-31',
    values: { [measure]: 12 },
    status: 'in progress',
    note: 'Pai',
    authorId: 'u1',
    authorName: 'Mere',
  })
  return { doc, youth, meth, action, measure }
}

const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

describe('toPlanJson', () => {
  it('renders a fully populated plan, macrons intact', () => {
    const { doc, youth, meth, action, measure } = populatedPlan()
    const json = toPlanJson(doc)
    expect(PlanJson.parse(json)).toEqual(json)
    expect(json).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      meta: {
        title: 'Mahere ROCC',
        community: 'Ngāti Awa',
        district: 'Bay of Plenty',
        createdAt: '2025-01-20T00:00:00.000Z',
        reviewDate: null,
      },
      focusAreas: [
        { id: meth, title: 'Methamphetamine harm in Whakatāne', description: { type: 'doc', content: [] } },
        { id: youth, title: 'Rangatahi', description: paragraph('Young people drawn into dealing') },
      ],
      environment: paragraph('Strong marae, few jobs'),
      conditions: [{ title: 'Iwi lead, agencies follow' }],
    })
    expect(json.actions).toEqual([
      {
        id: action,
        title: 'Tikanga-based programme',
        focusAreaIds: [meth, youth],
        activity: paragraph('Wānanga for rangatahi'),
        output: paragraph('40 rangatahi attend'),
        outcome: paragraph('Fewer recruited'),
        impact: paragraph('Safer whānau'),
        lead: 'Te Rūnanga o Ngāti Awa',
        leadUserId: null,
        partners: ['Health NZ', 'Ōpōtiki College'],
        dueDate: '2025-12-01',
        reviewDate: null,
        status: 'agreed',
        measures: [
          { id: measure, name: 'Attendance', baseline: 0, target: 40, unit: 'people', frequency: 'monthly', reporter: 'Kaiwhakahaere' },
        ],
        progress: [
          {
            id: expect.any(String),
            date: '2025-03-31',
            values: { [measure]: 12 },
            status: 'in progress',
            note: 'Pai',
            authorId: 'u1',
            authorName: 'Mere',
            createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          },
        ],
      },
    ])
    // Macrons survive a trip through the wire format and JSON text.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    expect(JSON.parse(JSON.stringify(toPlanJson(copy)))).toEqual(json)
  })

  it('leaves out links to removed focus areas', () => {
    const { doc, youth, meth } = populatedPlan()
    removeFocusArea(doc, youth)
    expect(toPlanJson(doc).actions[0]?.focusAreaIds).toEqual([meth])
  })

  it('renders an empty document', () => {
    const json = toPlanJson(new Y.Doc())
    expect(PlanJson.parse(json)).toEqual(json)
    expect(json.meta).toEqual({ title: '', community: '', district: null, createdAt: '1970-01-01T00:00:00.000Z', reviewDate: null })
  })

  it('never throws on garbage, and always passes PlanJson.parse', () => {
    const { doc, action } = populatedPlan()
    const roots = getPlanRoots(doc)
    const actionMap = getPriorityAction(doc, action)!.map
    doc.transact(() => {
      roots.meta.set('title', 42)
      roots.meta.set('community', new Y.Array())
      roots.meta.set('district', { evil: true })
      roots.meta.set('createdAt', 1e300)
      roots.meta.set('schemaVersion', 'one')
      roots.focusAreas.set('not-a-map', 'hello')
      roots.focusAreas.set('array-item', new Y.Array())
      const bare = new Y.Map<unknown>()
      bare.set(SECTION_ITEM_KEYS.title, new Y.XmlText('xml title'))
      bare.set(SECTION_ITEM_KEYS.description, new Y.Text('not rich'))
      bare.set(SECTION_ITEM_KEYS.order, { not: 'a string' })
      roots.focusAreas.set('bare', bare)
      roots.conditions.set('nothing', new Y.Map())
      roots.actions.set('list', Y.Array.from([1, 2, 3]))
      actionMap.set(ACTION_KEYS.status, 'finished')
      actionMap.set(ACTION_KEYS.dueDate, '2025-02-30')
      actionMap.set(ACTION_KEYS.lead, 7)
      actionMap.set(ACTION_KEYS.leadUserId, ['x'])
      actionMap.set(ACTION_KEYS.activity, 'plain string')
      actionMap.delete(ACTION_KEYS.impact)
      ;(actionMap.get(ACTION_KEYS.partners) as Y.Array<unknown>).push(['Health NZ', ' Health NZ ', 5, null, { a: 1 }, ''])
      ;(actionMap.get(ACTION_KEYS.focusAreaIds) as Y.Map<unknown>).set('dangling-id', true)
      const measures = actionMap.get(ACTION_KEYS.measures) as Y.Map<unknown>
      measures.set('string-measure', 'nope')
      const measure = new Y.Map<unknown>()
      measure.set(MEASURE_KEYS.baseline, 'ten')
      measure.set(MEASURE_KEYS.target, Infinity)
      measure.set(MEASURE_KEYS.frequency, 'hourly')
      measure.set(MEASURE_KEYS.name, new Y.Text('typed name'))
      measures.set('odd-measure', measure)
      const progress = actionMap.get(ACTION_KEYS.progress) as Y.Map<unknown>
      const entry = new Y.Map<unknown>()
      entry.set(PROGRESS_KEYS.date, '2025-04-01')
      entry.set(PROGRESS_KEYS.values, { a: 'x', b: 2, c: null, d: [1] })
      entry.set(PROGRESS_KEYS.status, 'meh')
      entry.set(PROGRESS_KEYS.createdAt, -5)
      progress.set('odd-entry', entry)
      const undated = new Y.Map<unknown>()
      undated.set(PROGRESS_KEYS.date, 'yesterday')
      progress.set('undated', undated)
      progress.set('array-entry', [1, 2])
      const badRich = new Y.XmlElement('paragraph')
      badRich.insert(0, [new Y.XmlHook('x') as never, new Y.XmlText('kept')])
      roots.environment.insert(0, [badRich, new Y.XmlText('top-level text')])
      roots.meta.set('unknown-key', new Y.Map())
    })
    // A second garbage action with no nested types at all.
    roots.actions.set('empty-action', new Y.Map())
    const json = toPlanJson(doc)
    expect(() => PlanJson.parse(json)).not.toThrow()
    expect(json.meta).toEqual({ title: '', community: '', district: null, createdAt: '1970-01-01T00:00:00.000Z', reviewDate: null })
    expect(json.schemaVersion).toBe(SCHEMA_VERSION)
    expect(json.focusAreas.map((focusArea) => focusArea.id)).toContain('bare')
    expect(json.focusAreas.find((focusArea) => focusArea.id === 'bare')).toEqual({
      id: 'bare',
      title: 'xml title',
      description: { type: 'doc', content: [] },
    })
    expect(json.focusAreas.map((focusArea) => focusArea.id)).not.toContain('not-a-map')
    const rendered = json.actions.find((entry) => entry.id === action)!
    expect(rendered).toMatchObject({
      status: 'proposed',
      dueDate: null,
      lead: '',
      leadUserId: null,
      activity: { type: 'doc', content: [] },
      impact: { type: 'doc', content: [] },
      partners: ['Health NZ', 'Ōpōtiki College'],
    })
    expect(rendered.focusAreaIds).not.toContain('dangling-id')
    expect(rendered.measures.find((measure) => measure.id === 'odd-measure')).toEqual({
      id: 'odd-measure',
      name: '',
      baseline: null,
      target: null,
      unit: '',
      frequency: 'other',
      reporter: '',
    })
    expect(rendered.progress.find((entry) => entry.id === 'odd-entry')).toMatchObject({
      values: { b: 2 },
      status: null,
      createdAt: '1970-01-01T00:00:00.000Z',
    })
    expect(rendered.progress.map((entry) => entry.id)).not.toContain('undated')
    expect(json.actions.find((entry) => entry.id === 'empty-action')).toMatchObject({ title: '', status: 'proposed', measures: [] })
    // Round-trips as text, as the server sends it.
    expect(PlanJson.parse(JSON.parse(JSON.stringify(json)))).toEqual(json)
  })

  it('renders a document whose roots were filled before they were typed', () => {
    // A misbehaving client can fill a root with list items where we expect map entries.
    const evil = new Y.Doc()
    evil.getArray('focusAreas').push([1, 2, 3])
    evil.getText('environment').insert(0, 'plain')
    evil.getArray('meta').push(['x'])
    const doc = newPlanDoc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(evil))
    const json = toPlanJson(doc)
    expect(() => PlanJson.parse(json)).not.toThrow()
    expect(json.focusAreas).toEqual([])
    expect(json.meta.community).toBe('Whakatāne')
  })
})
