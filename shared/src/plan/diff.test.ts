import { describe, expect, it } from 'vitest'
import type { DiffPart } from '../api-responses'
import { addPriorityAction, getPriorityAction, linkFocusArea, setActionStatus } from './actions'
import { diffItem, diffPlans, diffText, richTextToPlain } from './diff'
import { toPlanJson, type RichTextJson } from './json'
import { addMeasure, updateMeasure } from './monitoring'
import { appendParagraph } from './richtext'
import { getPlanRoots, setPlanMetaField } from './roots'
import { addCondition, addFocusArea, getFocusArea, removeCondition } from './sections'
import { replaceText } from './text'
import { newPlanDoc } from './testing'

const rebuild = (parts: DiffPart[], side: 'before' | 'after') =>
  parts
    .filter((p) => p.kind !== (side === 'before' ? 'added' : 'removed'))
    .map((p) => p.text)
    .join('')

describe('diffText', () => {
  it('marks words added and removed, keeping macrons whole', () => {
    const parts = diffText('Kāinga kore: housing in Whakatāne', 'Kāinga kore: housing across Whakatāne today')
    expect(parts).toEqual([
      { kind: 'same', text: 'Kāinga kore: housing ' },
      { kind: 'removed', text: 'in' },
      { kind: 'added', text: 'across' },
      { kind: 'same', text: ' Whakatāne' },
      { kind: 'added', text: ' today' },
    ])
  })

  it('groups a run of changed words into one replacement', () => {
    expect(diffText('the cat sat on the mat', 'a dog ran on the mat')).toEqual([
      { kind: 'removed', text: 'the cat sat' },
      { kind: 'added', text: 'a dog ran' },
      { kind: 'same', text: ' on the mat' },
    ])
  })

  it('rebuilds both texts exactly, across lines', () => {
    const cases: [string, string][] = [
      ['Line one\nLine two here', 'Line one\nLine three here\nnew'],
      ['', 'Rangatahi'],
      ['Rangatahi', ''],
      ['  spaced   out ', 'spaced out'],
      ['Ōpōtiki, Whakatāne', 'Whakatāne, Ōpōtiki'],
    ]
    for (const [before, after] of cases) {
      const parts = diffText(before, after)
      expect(rebuild(parts, 'before')).toBe(before)
      expect(rebuild(parts, 'after')).toBe(after)
    }
  })

  it('has nothing to say about equal texts', () => {
    expect(diffText('', '')).toEqual([])
    expect(diffText('same', 'same')).toEqual([{ kind: 'same', text: 'same' }])
  })
})

describe('richTextToPlain', () => {
  it('puts blocks on lines and prefixes list items', () => {
    const json: RichTextJson = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Te whakaaro' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'First ' },
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'second line' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Wānanga' }] }] },
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'Mentoring' }] },
                {
                  type: 'orderedList',
                  attrs: { start: 3 },
                  content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'peer' }] }] }],
                },
              ],
            },
          ],
        },
        {
          type: 'orderedList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] },
          ],
        },
        { type: 'paragraph' },
      ],
    }
    expect(richTextToPlain(json)).toBe(
      ['Te whakaaro', 'First bold', 'second line', '• Wānanga', '• Mentoring', '  3. peer', '1. one', '2. two', ''].join('\n'),
    )
  })

  it('is empty for an empty text', () => {
    expect(richTextToPlain({ type: 'doc', content: [] })).toBe('')
  })
})

describe('diffPlans', () => {
  function plans() {
    const doc = newPlanDoc()
    const youth = addFocusArea(doc, { title: 'Rangatahi' })
    appendParagraph(getFocusArea(doc, youth)!.description, 'Young people drawn into dealing')
    const gone = addCondition(doc, { title: 'Iwi lead, agencies follow' })
    const action = addPriorityAction(doc, {
      title: 'Tikanga-based programme',
      lead: 'Te Rūnanga o Ngāti Awa',
      partners: ['Health NZ'],
      dueDate: '2025-12-01',
    })
    appendParagraph(getPriorityAction(doc, action)!.activity, 'Wānanga for rangatahi')
    const measure = addMeasure(doc, action, {
      name: 'Attendance',
      baseline: 0,
      target: 40,
      unit: 'people',
      frequency: 'monthly',
      reporter: 'Kaiwhakahaere',
    })
    const before = toPlanJson(doc)

    replaceText(getFocusArea(doc, youth)!.title, 'Rangatahi ora')
    removeCondition(doc, gone)
    const added = addCondition(doc, { title: 'Shared data' })
    setActionStatus(doc, action, 'in progress')
    linkFocusArea(doc, action, youth)
    appendParagraph(getPriorityAction(doc, action)!.activity, 'Mentoring')
    updateMeasure(doc, action, measure, { target: 60 })
    setPlanMetaField(doc, 'title', 'Te Mahere hou')
    appendParagraph(getPlanRoots(doc).environment, 'Strong marae, few jobs')
    return { before, after: toPlanJson(doc), youth, gone, added, action }
  }

  it('lists added, removed and changed items with word parts; unchanged ones are left out', () => {
    const { before, after, youth, gone, added, action } = plans()
    const sections = diffPlans(before, after)
    expect(sections.map((s) => s.section)).toEqual(['meta', 'focusAreas', 'environment', 'conditions', 'actions', 'monitoring'])
    expect(sections.find((s) => s.section === 'environment')!.items[0]!.fields[0]).toMatchObject({
      field: 'environment',
      before: '',
      after: 'Strong marae, few jobs',
      parts: [{ kind: 'added', text: 'Strong marae, few jobs' }],
    })

    const meta = sections.find((s) => s.section === 'meta')!.items[0]!
    expect(meta.fields).toEqual([
      {
        field: 'title',
        before: 'Te Mahere',
        after: 'Te Mahere hou',
        parts: [
          { kind: 'same', text: 'Te Mahere' },
          { kind: 'added', text: ' hou' },
        ],
      },
    ])

    const focus = sections.find((s) => s.section === 'focusAreas')!.items
    expect(focus).toEqual([
      {
        id: youth,
        title: 'Rangatahi ora',
        change: 'changed',
        fields: [
          {
            field: 'title',
            before: 'Rangatahi',
            after: 'Rangatahi ora',
            parts: [
              { kind: 'same', text: 'Rangatahi' },
              { kind: 'added', text: ' ora' },
            ],
          },
        ],
      },
    ])

    const conditions = sections.find((s) => s.section === 'conditions')!.items
    expect(conditions.map((i) => [i.id, i.change])).toEqual([
      [added, 'added'],
      [gone, 'removed'],
    ])
    expect(conditions[1]!.fields).toEqual([
      { field: 'title', before: 'Iwi lead, agencies follow', after: '', parts: [{ kind: 'removed', text: 'Iwi lead, agencies follow' }] },
    ])

    const actionDiff = sections.find((s) => s.section === 'actions')!.items[0]!
    expect(actionDiff).toMatchObject({ id: action, change: 'changed' })
    expect(Object.fromEntries(actionDiff.fields.map((f) => [f.field, [f.before, f.after]]))).toEqual({
      activity: ['Wānanga for rangatahi', 'Wānanga for rangatahi\nMentoring'],
      status: ['proposed', 'in progress'],
      focusAreas: ['', 'Rangatahi ora'],
    })

    const monitoring = sections.find((s) => s.section === 'monitoring')!.items[0]!
    expect(monitoring.fields[0]).toMatchObject({
      field: 'measures',
      before: 'Attendance: 0 → 40 people, monthly, reported by Kaiwhakahaere',
      after: 'Attendance: 0 → 60 people, monthly, reported by Kaiwhakahaere',
    })
    expect(monitoring.fields[0]!.parts).toContainEqual({ kind: 'removed', text: '40' })
    expect(monitoring.fields[0]!.parts).toContainEqual({ kind: 'added', text: '60' })
  })

  it('is empty between equal plans', () => {
    const { before } = plans()
    expect(diffPlans(before, before)).toEqual([])
  })

  it('diffItem tells what changed in one item', () => {
    const { before, after, action, added, youth } = plans()
    expect(diffItem('action', before, after, action).map((f) => f.field)).toEqual(['activity', 'status', 'focusAreas'])
    expect(diffItem('condition', before, after, added)).toEqual([
      { field: 'title', before: '', after: 'Shared data', parts: [{ kind: 'added', text: 'Shared data' }] },
    ])
    expect(diffItem('focusArea', after, after, youth)).toEqual([])
    expect(diffItem('monitoring', before, after, action)).toHaveLength(1)
  })
})

describe('diffText on texts too different to compare', () => {
  it('gives up the word search and shows one replacement', () => {
    const words = (count: number, seed: number) => Array.from({ length: count }, (_, i) => `w${(i * seed) % 997}`).join(' ')
    // Short enough to search, but too many edits apart; and too long to search at all.
    for (const count of [4_000, 20_000]) {
      const [before, after] = [words(count, 7), words(count, 13)]
      expect(diffText(before, after)).toEqual([
        { kind: 'removed', text: before },
        { kind: 'added', text: after },
      ])
    }
  })
})
