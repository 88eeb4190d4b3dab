import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addPriorityAction, setActionLead } from './actions'
import { recordPosition, type AgreementTarget } from './agreements'
import { currentFingerprint, fingerprintsOf } from './agreement-rules'
import { startThread } from './comments'
import { addAgendaItem } from './hui'
import { PlanJson, toPlanJson } from './json'
import { addMeasure, addProgressEntry } from './monitoring'
import { partnerKey } from './partners'
import { addCondition, addFocusArea } from './sections'
import { newPlanDoc } from './testing'
import {
  allReleases,
  allWithheld,
  clearWithheldMark,
  putRelease,
  releasedPlan,
  setWithheldMark,
  withheldLines,
  type ReleaseRequest,
} from './withheld'

const SERVER = { source: 'server', reason: 'test' } as const
const NGATI_AWA = partnerKey('iwi', 'Ngāti Awa')
const POLICE = partnerKey('police', 'New Zealand Police')
const SECRET = 'Kōrero from kaumātua about the awa'

function withhold(doc: Y.Doc, target: AgreementTarget, partner: string) {
  const [affiliation, organisation] = partner === NGATI_AWA ? (['iwi', 'Ngāti Awa'] as const) : (['police', 'New Zealand Police'] as const)
  setWithheldMark(doc, target, { partner, affiliation, organisation, userId: `u-${partner}`, name: partner, at: 1000 }, SERVER)
}

function release(doc: Y.Doc, items: AgreementTarget[], approvals: Record<string, 'approved' | 'declined'>): ReleaseRequest {
  const fingerprints = fingerprintsOf(toPlanJson(doc))
  const keys = items.map((t) => `${t.kind}|${t.id}`)
  const request: ReleaseRequest = {
    id: 'r1',
    items: keys,
    audience: 'District tasking and coordination',
    reason: 'Quarterly report',
    requestedBy: { userId: 'u3', name: 'Mere', partner: partnerKey('agency', 'MSD') },
    at: 2000,
    decisions: Object.fromEntries(
      Object.entries(approvals).map(([partner, decision]) => [
        partner,
        {
          decision,
          userId: `u-${partner}`,
          name: partner,
          at: 3000,
          fingerprints: Object.fromEntries(keys.map((k) => [k, fingerprints.get(k)!])),
        },
      ]),
    ),
  }
  putRelease(doc, request, SERVER)
  return allReleases(doc)[0]!
}

function plan() {
  const doc = newPlanDoc()
  const focusArea = addFocusArea(doc, { title: 'Whānau safety' })
  const condition = addCondition(doc, { title: 'Trust between partners' })
  const secret = addPriorityAction(doc, { title: SECRET, focusAreaIds: [focusArea], lead: 'Aroha' })
  const open = addPriorityAction(doc, { title: 'Weekly community patrol', focusAreaIds: [focusArea] })
  const measure = addMeasure(doc, secret, { name: 'Whānau supported' })
  addProgressEntry(doc, secret, { date: '2026-03-01', values: { [measure]: 3 }, note: `Note on ${SECRET}`, authorName: 'Aroha' })
  const target: AgreementTarget = { kind: 'action', id: secret }
  recordPosition(doc, target, NGATI_AWA, {
    position: 'agree',
    userId: 'u1',
    userName: 'Hemi',
    fingerprint: currentFingerprint(doc, target)!,
  })
  startThread(doc, target, { authorId: 'u1', authorName: 'Hemi', text: `About ${SECRET}` })
  addAgendaItem(doc, { kind: 'item', title: SECRET, target })
  return { doc, focusArea, condition, secret, open, target }
}

describe('withheld marks', () => {
  it('are stored per item and withdrawn', () => {
    const { doc, target } = plan()
    withhold(doc, target, NGATI_AWA)
    expect(allWithheld(doc)).toEqual([{ target, mark: expect.objectContaining({ partner: NGATI_AWA, organisation: 'Ngāti Awa' }) }])
    expect(toPlanJson(doc).withheld).toEqual([expect.objectContaining({ target, partner: NGATI_AWA, at: new Date(1000).toISOString() })])
    clearWithheldMark(doc, target, SERVER)
    expect(allWithheld(doc)).toEqual([])
  })

  it('older plan files without the lists still parse', () => {
    const { doc } = plan()
    const { withheld: _w, releases: _r, ...old } = toPlanJson(doc)
    expect(PlanJson.parse(old)).toMatchObject({ withheld: [], releases: [] })
  })
})

describe('releasedPlan', () => {
  it('takes out a withheld action and everything about it, and says so without its text', () => {
    const { doc, secret, open } = plan()
    withhold(doc, { kind: 'action', id: secret }, NGATI_AWA)
    const { plan: out, withheld } = releasedPlan(toPlanJson(doc), null)
    expect(out.actions.map((a) => a.id)).toEqual([open])
    expect(out.agreements).toEqual([])
    expect(out.comments).toEqual([])
    expect(out.hui.agenda).toEqual([])
    expect(withheld).toEqual([{ target: { kind: 'action', id: secret }, title: null, partner: NGATI_AWA, partnerLabel: 'Ngāti Awa' }])
    expect(JSON.stringify({ out, withheld })).not.toContain(SECRET)
    expect(withheldLines(withheld)).toEqual(['Withheld by Ngāti Awa: 1 action'])
  })

  it('a plan with nothing withheld leaves unchanged but for releases', () => {
    const { doc } = plan()
    const json = toPlanJson(doc)
    expect(releasedPlan(json, null)).toEqual({ plan: { ...json, releases: [] }, withheld: [] })
  })

  it('a focus area is unlinked from actions; monitoring keeps the action but drops measures and progress', () => {
    const { doc, focusArea, secret } = plan()
    withhold(doc, { kind: 'focusArea', id: focusArea }, POLICE)
    withhold(doc, { kind: 'monitoring', id: secret }, NGATI_AWA)
    const { plan: out, withheld } = releasedPlan(toPlanJson(doc), null)
    expect(out.focusAreas).toEqual([])
    expect(out.actions.every((a) => a.focusAreaIds.length === 0)).toBe(true)
    const action = out.actions.find((a) => a.id === secret)!
    expect([action.measures, action.progress]).toEqual([[], []])
    expect(withheldLines(withheld).sort()).toEqual([
      'Withheld by New Zealand Police: 1 focus area',
      'Withheld by Ngāti Awa: 1 monitoring arrangement',
    ])
  })

  it('an approved release lets the item out; another partner’s items stay withheld', () => {
    const { doc, secret, condition } = plan()
    withhold(doc, { kind: 'action', id: secret }, NGATI_AWA)
    withhold(doc, { kind: 'condition', id: condition }, POLICE)
    const both = [
      { kind: 'action' as const, id: secret },
      { kind: 'condition' as const, id: condition },
    ]
    const request = release(doc, both, { [NGATI_AWA]: 'approved' })
    const { plan: out, withheld } = releasedPlan(toPlanJson(doc), request)
    expect(out.actions.some((a) => a.id === secret)).toBe(true)
    expect(out.conditions).toEqual([])
    expect(withheld.map((n) => n.partner)).toEqual([POLICE])
  })

  it('a declined release, or one not asking for the item, keeps it out', () => {
    const { doc, secret, condition } = plan()
    withhold(doc, { kind: 'action', id: secret }, NGATI_AWA)
    const declined = release(doc, [{ kind: 'action', id: secret }], { [NGATI_AWA]: 'declined' })
    expect(releasedPlan(toPlanJson(doc), declined).withheld).toHaveLength(1)
    const other = release(doc, [{ kind: 'condition', id: condition }], { [NGATI_AWA]: 'approved' })
    expect(releasedPlan(toPlanJson(doc), other).withheld).toHaveLength(1)
  })

  it('an approval lapses when the item changes', () => {
    const { doc, secret } = plan()
    withhold(doc, { kind: 'action', id: secret }, NGATI_AWA)
    const request = release(doc, [{ kind: 'action', id: secret }], { [NGATI_AWA]: 'approved' })
    expect(releasedPlan(toPlanJson(doc), request).withheld).toEqual([])
    setActionLead(doc, secret, 'Someone else')
    const { plan: out, withheld } = releasedPlan(toPlanJson(doc), request)
    expect(withheld).toHaveLength(1)
    expect(out.actions.some((a) => a.id === secret)).toBe(false)
  })

  it('a mark on an item that no longer exists gives no notice', () => {
    const { doc } = plan()
    withhold(doc, { kind: 'condition', id: 'gone' }, NGATI_AWA)
    expect(releasedPlan(toPlanJson(doc), null).withheld).toEqual([])
  })
})
