import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addDefaultAgenda,
  addFocusArea,
  addMeasure,
  addPriorityAction,
  appendParagraph,
  COLLAB_ROOT_KEYS,
  COMMENT_KEYS,
  currentFingerprint,
  endHui,
  getFocusArea,
  getPlanRoots,
  getPriorityAction,
  initPlanDoc,
  listThreads,
  markAttendance,
  moveFocusArea,
  pandaAnswer,
  parkTopic,
  partnerKey,
  recordPosition,
  removeFocusArea,
  replaceText,
  replyToThread,
  setActionStatus,
  setAgreedMark,
  setFacilitatorFocus,
  setPandaDone,
  setParkedResolved,
  setThreadResolved,
  startHui,
  startThread,
  withdrawPosition,
  type ActionId,
  type AgreementTarget,
  type FocusAreaId,
  type PartnerKey,
} from '@hononga/shared'
import type { SocketIdentity } from './connection'
import { UndecodableUpdate } from './edit-scan'
import { checkEdit } from './guards'

const iwi: SocketIdentity = { userId: 'u-iwi', name: 'Aroha', role: 'editor', affiliation: 'iwi', organisation: 'Ngāti Awa' }
const iwiToo: SocketIdentity = { userId: 'u-iwi-2', name: 'Hēmi', role: 'editor', affiliation: 'iwi', organisation: 'Ngāti Awa' }
const agency: SocketIdentity = { userId: 'u-msd', name: 'Sam', role: 'editor', affiliation: 'agency', organisation: 'Ministry of Social Development' }
const facilitator: SocketIdentity = { userId: 'u-pol', name: 'Mere', role: 'facilitator', affiliation: 'police', organisation: 'New Zealand Police' }
const partnerOf = (who: SocketIdentity): PartnerKey => partnerKey(who.affiliation, who.organisation)
const SERVER = { source: 'server', reason: 'test' } as const

/**
 * The server's copy of a plan and devices holding copies of it. `send` captures the update a
 * change produces on a device (as the provider sends it), checks it as the room does, and
 * applies it to the server's copy when allowed.
 */
class Plan {
  readonly server = new Y.Doc()

  constructor() {
    initPlanDoc(this.server, { title: 'Te Mahere', community: 'Whakatāne', createdAt: 0 })
  }

  device(): Y.Doc {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server))
    return doc
  }

  /** Brings a device up to date with the server. */
  refresh(doc: Y.Doc): void {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(doc)))
  }

  check(who: SocketIdentity, update: Uint8Array): string | null {
    const reason = checkEdit(this.server, update, { identity: who })
    if (reason === null) Y.applyUpdate(this.server, update)
    return reason
  }

  send(who: SocketIdentity, doc: Y.Doc, change: (doc: Y.Doc) => void): string | null {
    return this.check(who, captured(doc, change))
  }

  /** What a reconnecting device sends: everything the server lacks, with its whole delete set. */
  syncStep2(who: SocketIdentity, doc: Y.Doc): string | null {
    return this.check(who, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(this.server)))
  }
}

function captured(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = []
  const listen = (update: Uint8Array) => updates.push(update)
  doc.on('update', listen)
  try {
    change(doc)
  } finally {
    doc.off('update', listen)
  }
  return Y.mergeUpdates(updates)
}

const ALLOWED = null
let plan: Plan
beforeEach(() => {
  plan = new Plan()
})

describe('content roots are free for everyone who edits', () => {
  it('allows adding, typing in rich text and titles, reordering, status, measures and removing', () => {
    const doc = plan.device()
    let first = '' as FocusAreaId
    let second = '' as FocusAreaId
    expect(plan.send(iwi, doc, (d) => (first = addFocusArea(d, { title: 'Kāinga kore' })))).toBe(ALLOWED)
    expect(plan.send(agency, doc, (d) => (second = addFocusArea(d, { title: 'Rangatahi' })))).toBe(ALLOWED)
    const paragraph = () => getFocusArea(doc, first)!.description
    expect(plan.send(iwi, doc, () => appendParagraph(paragraph(), ''))).toBe(ALLOWED)
    const text = () => (paragraph().get(0) as Y.XmlElement)
    expect(plan.send(iwi, doc, () => text().insert(0, [new Y.XmlText('')]))).toBe(ALLOWED)
    const xmlText = () => text().get(0) as Y.XmlText
    for (const char of 'Ngā whānau') expect(plan.send(iwi, doc, () => xmlText().insert(xmlText().length, char))).toBe(ALLOWED)
    expect(plan.send(iwi, doc, () => xmlText().delete(xmlText().length - 1, 1))).toBe(ALLOWED)
    expect(plan.send(iwi, doc, () => xmlText().format(0, 3, { bold: true }))).toBe(ALLOWED)
    expect(plan.send(agency, doc, () => replaceText(getFocusArea(doc, first)!.title, 'Housing'))).toBe(ALLOWED)
    expect(plan.send(agency, doc, (d) => appendParagraph(getPlanRoots(d).environment, 'Te rohe'))).toBe(ALLOWED)
    expect(plan.send(agency, doc, (d) => moveFocusArea(d, second, { after: null }))).toBe(ALLOWED)
    let action = '' as ActionId
    expect(plan.send(agency, doc, (d) => (action = addPriorityAction(d, { title: 'Pathways' })))).toBe(ALLOWED)
    expect(plan.send(agency, doc, (d) => setActionStatus(d, action, 'in progress'))).toBe(ALLOWED)
    expect(plan.send(agency, doc, (d) => addMeasure(d, action, { name: 'Referrals', frequency: 'monthly' }))).toBe(ALLOWED)
    expect(plan.send(iwi, doc, (d) => appendParagraph(getPriorityAction(d, action)!.activity, 'Wānanga'))).toBe(ALLOWED)
    expect(plan.send(iwi, doc, (d) => removeFocusArea(d, second))).toBe(ALLOWED)
    expect(getFocusArea(plan.server, first)!.description.toString()).toContain('<bold>Ngā</bold> whāna')
  })

  it('allows a long offline run of typing sent at once on reconnect (a chain of thousands of items)', () => {
    const doc = plan.device()
    let id = '' as FocusAreaId
    plan.send(iwi, doc, (d) => (id = addFocusArea(d, { title: '' })))
    const title = getFocusArea(doc, id)!.title
    for (let i = 0; i < 5_000; i++) title.insert(title.length, i % 7 === 0 ? ' ' : 'a')
    title.delete(10, 100)
    expect(plan.syncStep2(iwi, doc)).toBe(ALLOWED)
    expect(getFocusArea(plan.server, id)!.title.length).toBe(4_900)
  })

  it('allows edits into something another person removed meanwhile', () => {
    const mine = plan.device()
    const theirs = plan.device()
    let id = '' as FocusAreaId
    plan.send(iwi, mine, (d) => (id = addFocusArea(d, { title: 'Tahi' })))
    plan.refresh(theirs)
    expect(plan.send(agency, theirs, (d) => removeFocusArea(d, id))).toBe(ALLOWED)
    expect(plan.send(iwi, mine, () => getFocusArea(mine, id)!.title.insert(4, ' rua'))).toBe(ALLOWED)
  })
})

describe('agreements', () => {
  let target: AgreementTarget
  let doc: Y.Doc
  beforeEach(() => {
    doc = plan.device()
    plan.send(facilitator, doc, (d) => (target = { kind: 'focusArea', id: addFocusArea(d, { title: 'Rangatahi' }) }))
  })
  const record = (who: SocketIdentity, overrides: { userId?: string; position?: 'agree' | 'object' } = {}) => (d: Y.Doc) =>
    recordPosition(d, target, partnerOf(who), {
      position: overrides.position ?? 'agree',
      userId: overrides.userId ?? who.userId,
      userName: who.name,
      fingerprint: currentFingerprint(d, target)!,
    })

  it('each member records, changes and withdraws their own partner’s position', () => {
    expect(plan.send(iwi, doc, record(iwi))).toBe(ALLOWED)
    expect(plan.send(iwiToo, doc, record(iwiToo, { position: 'object' }))).toBe(ALLOWED) // same partner, another member
    expect(plan.send(agency, doc, record(agency))).toBe(ALLOWED)
    expect(plan.send(iwi, doc, (d) => withdrawPosition(d, target, partnerOf(iwi)))).toBe(ALLOWED)
  })

  it('refuses a position recorded for another partner, by an editor or a facilitator', () => {
    expect(plan.send(agency, doc, record(iwi, { userId: agency.userId }))).toMatch(/partner you speak for/)
    expect(plan.send(facilitator, plan.device(), record(iwi, { userId: facilitator.userId }))).toMatch(/partner you speak for/)
  })

  it('refuses a record whose recordedBy is someone else', () => {
    expect(plan.send(iwi, doc, record(iwi, { userId: iwiToo.userId }))).toMatch(/your own name/)
  })

  it('refuses deleting another partner’s position, also by a facilitator', () => {
    plan.send(iwi, doc, record(iwi))
    expect(plan.send(agency, doc, (d) => withdrawPosition(d, target, partnerOf(iwi)))).toMatch(/its own position/)
    expect(plan.send(facilitator, plan.device(), (d) => withdrawPosition(d, target, partnerOf(iwi)))).toMatch(/its own position/)
  })

  it('refuses forged records: not a record, a nested type, a key that is not a partner', () => {
    const agreements = (d: Y.Doc) => d.getMap<unknown>(COLLAB_ROOT_KEYS.agreements)
    const key = `focusArea|${target.id}|${partnerOf(iwi)}`
    expect(plan.send(iwi, doc, (d) => agreements(d).set(key, { position: 'agree' }))).toMatch(/valid record/)
    expect(plan.send(iwi, plan.device(), (d) => agreements(d).set(key, new Y.Map()))).toMatch(/one plain record/)
    expect(plan.send(iwi, plan.device(), (d) => agreements(d).set('anything', 1))).toMatch(/partner you speak for/)
  })

  it('refuses a forged agreed mark, and any change to a mark the server wrote', () => {
    const mark = { snapshotId: 's1', label: 'Agreed at hui', at: 1, by: facilitator.userId, byName: 'Mere', fingerprint: 'f' }
    expect(plan.send(facilitator, doc, (d) => setAgreedMark(d, target, mark, SERVER))).toMatch(/only the server/)
    setAgreedMark(plan.server, target, mark, SERVER)
    const device = plan.device()
    expect(plan.send(facilitator, device, (d) => d.getMap(COLLAB_ROOT_KEYS.agreedMarks).delete(`focusArea|${target.id}`))).toMatch(/only the server/)
  })
})

describe('the hui', () => {
  it('only facilitators start and run a hui, change the agenda and the problem-solving guide', () => {
    const doc = plan.device()
    expect(plan.send(iwi, doc, (d) => startHui(d, iwi.userId))).toMatch(/only facilitators change huiState/)
    expect(plan.send(iwi, plan.device(), (d) => addDefaultAgenda(d))).toMatch(/only facilitators change huiAgenda/)
    expect(plan.send(iwi, plan.device(), (d) => setPandaDone(d, 'problem.harm', true))).toMatch(/only facilitators change pandaDone/)
    expect(plan.send(iwi, plan.device(), (d) => pandaAnswer(d, 'problem.harm').insert(0, 'x'))).toMatch(/only facilitators change panda\.problem\.harm/)

    const own = plan.device()
    expect(plan.send(facilitator, own, (d) => addDefaultAgenda(d))).toBe(ALLOWED)
    expect(plan.send(facilitator, own, (d) => startHui(d, facilitator.userId))).toBe(ALLOWED)
    expect(plan.send(facilitator, own, (d) => setFacilitatorFocus(d, { step: 'actions', target: null, by: facilitator.userId, at: 1 }))).toBe(ALLOWED)
    expect(plan.send(facilitator, own, (d) => pandaAnswer(d, 'problem.harm').insert(0, 'Harm'))).toBe(ALLOWED)
    const later = plan.device()
    expect(plan.send(agency, later, (d) => endHui(d))).toMatch(/only facilitators/)
  })

  it('each person records only their own attendance, once', () => {
    const doc = plan.device()
    const mark = (who: SocketIdentity, huiId = 'h1') => (d: Y.Doc) =>
      markAttendance(d, { huiId, userId: who.userId, name: who.name, affiliation: who.affiliation, organisation: who.organisation, at: 1 })
    expect(plan.send(iwi, doc, mark(iwi))).toBe(ALLOWED)
    expect(plan.send(iwi, doc, mark(agency))).toMatch(/own attendance/)
    const attendance = (d: Y.Doc) => d.getMap<unknown>(COLLAB_ROOT_KEYS.attendance)
    const forged = { huiId: 'h1', userId: agency.userId, name: 'Sam', affiliation: 'agency', organisation: null, at: 1 }
    expect(plan.send(agency, plan.device(), (d) => attendance(d).set(`h2|${agency.userId}`, forged))).toMatch(/own attendance/)
    expect(plan.send(iwi, plan.device(), (d) => attendance(d).delete(`h1|${iwi.userId}`))).toMatch(/never withdrawn/)
    expect(plan.send(facilitator, plan.device(), (d) => attendance(d).delete(`h1|${iwi.userId}`))).toMatch(/never withdrawn/)
  })

  it('anyone parks a topic in their own name and toggles resolved; only facilitators remove one', () => {
    const doc = plan.device()
    let topic = ''
    expect(plan.send(iwi, doc, (d) => (topic = parkTopic(d, { text: 'Marae roof', userId: iwi.userId, userName: iwi.name, huiId: null })))).toBe(ALLOWED)
    expect(plan.send(iwi, plan.device(), (d) => parkTopic(d, { text: 'Forged', userId: agency.userId, userName: 'Sam', huiId: null }))).toMatch(/own name/)
    const other = plan.device()
    expect(plan.send(agency, other, (d) => setParkedResolved(d, topic, true))).toBe(ALLOWED)
    const parkingLot = (d: Y.Doc) => d.getMap<Record<string, unknown>>(COLLAB_ROOT_KEYS.parkingLot)
    expect(plan.send(agency, other, (d) => parkingLot(d).set(topic, { ...parkingLot(d).get(topic)!, text: 'Changed' }))).toMatch(/resolved or not/)
    expect(plan.send(agency, plan.device(), (d) => parkingLot(d).delete(topic))).toMatch(/only facilitators remove/)
    expect(plan.send(facilitator, plan.device(), (d) => parkingLot(d).delete(topic))).toBe(ALLOWED)
  })

  it('allows a topic parked then resolved offline, sent at once on reconnect', () => {
    const doc = plan.device()
    const topic = parkTopic(doc, { text: 'Kai', userId: iwi.userId, userName: iwi.name, huiId: null })
    setParkedResolved(doc, topic, true)
    expect(plan.syncStep2(iwi, doc)).toBe(ALLOWED)
  })
})

describe('comments', () => {
  const target = { kind: 'plan', id: '' } as const
  const start = (who: SocketIdentity, authorId = who.userId) => (d: Y.Doc) => startThread(d, target, { authorId, authorName: who.name, text: 'Kia ora' })
  const messagesOf = (d: Y.Doc) => listThreads(d)[0]!.map.get(COMMENT_KEYS.messages) as Y.Array<unknown>
  const threadOf = (d: Y.Doc) => listThreads(d)[0]!.map

  it('threads and replies in one’s own name; anyone resolves', () => {
    const doc = plan.device()
    expect(plan.send(iwi, doc, start(iwi))).toBe(ALLOWED)
    const id = listThreads(doc)[0]!.id
    const other = plan.device()
    expect(plan.send(agency, other, (d) => replyToThread(d, id, { authorId: agency.userId, authorName: 'Sam', text: 'Ae' }))).toBe(ALLOWED)
    expect(plan.send(agency, other, (d) => setThreadResolved(d, id, true, agency.userId))).toBe(ALLOWED)
    expect(plan.send(agency, other, (d) => setThreadResolved(d, id, false, agency.userId))).toBe(ALLOWED)
  })

  it('refuses a comment in someone else’s name: a new thread or a reply', () => {
    expect(plan.send(agency, plan.device(), start(iwi))).toMatch(/own name/)
    plan.send(iwi, plan.device(), start(iwi))
    const id = listThreads(plan.server)[0]!.id
    expect(plan.send(agency, plan.device(), (d) => replyToThread(d, id, { authorId: iwi.userId, authorName: 'Aroha', text: 'Forged' }))).toMatch(/own name/)
  })

  it('refuses rewriting who started a thread, its target, or resolving in another’s name', () => {
    plan.send(iwi, plan.device(), start(iwi))
    expect(plan.send(agency, plan.device(), (d) => threadOf(d).set(COMMENT_KEYS.createdBy, agency.userId))).toMatch(/set when it is started/)
    expect(plan.send(iwi, plan.device(), (d) => threadOf(d).set(COMMENT_KEYS.target, { kind: 'plan', id: 'x' }))).toMatch(/set when it is started/)
    expect(plan.send(agency, plan.device(), (d) => threadOf(d).set(COMMENT_KEYS.resolvedBy, iwi.userId))).toMatch(/own name/)
    expect(plan.send(agency, plan.device(), (d) => threadOf(d).set('extra', 1))).toMatch(/set when it is started/)
  })

  it('a message is removed by its author or a facilitator; a thread by its creator or a facilitator', () => {
    plan.send(iwi, plan.device(), start(iwi))
    const id = listThreads(plan.server)[0]!.id
    plan.send(agency, plan.device(), (d) => replyToThread(d, id, { authorId: agency.userId, authorName: 'Sam', text: 'Reply' }))
    expect(plan.send(agency, plan.device(), (d) => messagesOf(d).delete(0))).toMatch(/its author or a facilitator/)
    expect(plan.send(agency, plan.device(), (d) => messagesOf(d).delete(1))).toBe(ALLOWED)
    expect(plan.send(facilitator, plan.device(), (d) => messagesOf(d).delete(0))).toBe(ALLOWED)
    const comments = (d: Y.Doc) => d.getMap(COLLAB_ROOT_KEYS.comments)
    expect(plan.send(agency, plan.device(), (d) => comments(d).delete(id))).toMatch(/its author or a facilitator/)
    expect(plan.send(iwi, plan.device(), (d) => comments(d).delete(id))).toBe(ALLOWED)
    plan.send(agency, plan.device(), start(agency))
    expect(plan.send(facilitator, plan.device(), (d) => comments(d).delete(listThreads(d)[0]!.id))).toBe(ALLOWED)
  })

  it('a thread’s creator removes it with everyone’s replies in it', () => {
    plan.send(iwi, plan.device(), start(iwi))
    const id = listThreads(plan.server)[0]!.id
    plan.send(agency, plan.device(), (d) => replyToThread(d, id, { authorId: agency.userId, authorName: 'Sam', text: 'Reply' }))
    expect(plan.send(iwi, plan.device(), (d) => d.getMap(COLLAB_ROOT_KEYS.comments).delete(id))).toBe(ALLOWED)
    expect(listThreads(plan.server)).toEqual([])
  })

  it('refuses replacing someone else’s thread under its id', () => {
    plan.send(iwi, plan.device(), start(iwi))
    const id = listThreads(plan.server)[0]!.id
    expect(plan.send(agency, plan.device(), (d) => d.getMap(COLLAB_ROOT_KEYS.comments).set(id, new Y.Map()))).toMatch(/its author or a facilitator/)
  })
})

describe('updates that cannot be placed', () => {
  it('throws on bytes that are not an update, for the room to close as malformed (4400)', () => {
    expect(() => checkEdit(plan.server, new Uint8Array([1, 2, 3, 200, 200]), { identity: iwi })).toThrow(UndecodableUpdate)
  })

  it('refuses an item built on something the server has not received (from another device, say)', () => {
    const other = plan.device()
    const id = addFocusArea(other, { title: 'Not sent' })
    const doc = plan.device()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    expect(plan.send(iwi, doc, () => getFocusArea(doc, id)!.title.insert(0, 'x'))).toMatch(/does not hold/)
  })

  it('refuses an update that skips ahead of what the server holds (it would wait, unchecked, to apply later)', () => {
    const doc = plan.device()
    addFocusArea(doc, { title: 'Not sent' })
    expect(plan.send(iwi, doc, (d) => parkTopic(d, { text: 'Later', userId: iwi.userId, userName: 'Aroha', huiId: null }))).toMatch(/skips ahead/)
  })

  it('refuses a deletion of ids nobody has sent', () => {
    const doc = plan.device()
    const id = addFocusArea(doc, { title: 'Not sent' })
    expect(plan.send(iwi, doc, (d) => removeFocusArea(d, id))).toMatch(/does not hold/)
  })

  it('allows a reconnecting device whose delete set names deletions made by others and by rules it cannot break', () => {
    const facilitatorDevice = plan.device()
    const topic = parkTopic(facilitatorDevice, { text: 'Kai', userId: facilitator.userId, userName: 'Mere', huiId: null })
    plan.syncStep2(facilitator, facilitatorDevice)
    const editor = plan.device()
    expect(plan.send(facilitator, facilitatorDevice, (d) => d.getMap(COLLAB_ROOT_KEYS.parkingLot).delete(topic))).toBe(ALLOWED)
    plan.refresh(editor)
    addFocusArea(editor, { title: 'Offline' })
    expect(plan.syncStep2(iwi, editor)).toBe(ALLOWED)
  })
})
