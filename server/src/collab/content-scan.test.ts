import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAgendaItem,
  addCondition,
  addDefaultAgenda,
  addFocusArea,
  addMeasure,
  addPriorityAction,
  addProgressEntry,
  agendaNotes,
  appendParagraph,
  COLLAB_ROOT_KEYS,
  ensureAgendaNotes,
  getCondition,
  getFocusArea,
  updateAgendaItem,
  getPlanMeta,
  getPlanRoots,
  getPriorityAction,
  listAttendance,
  markAttendance,
  moveFocusArea,
  pandaAnswer,
  parkTopic,
  partnerKey,
  PLAN_LIMITS,
  recordPosition,
  recordRestore,
  removeFocusArea,
  removeMeasure,
  removePriorityAction,
  removeProgressEntry,
  replaceText,
  replyToThread,
  setActionStatus,
  setAgreedMark,
  setFragmentFromJSON,
  setHuiTimer,
  setPandaDone,
  setPlanMetaField,
  setThreadResolved,
  startHui,
  startThread,
  updateMeasure,
  withdrawPosition,
  listThreads,
  listProgressEntries,
  type RichTextJson,
} from '@hononga/shared'
import { checkDeviceUpdate, UndecodableUpdate } from './content-scan'
import {
  craftItem,
  craftUpdate,
  deviceOf,
  editOn,
  freshClient,
  governedPlan,
  hugeMapUpdate,
  rootEntry,
  type GovernedPlan,
} from './content-scan.testing'

const EDITOR = { facilitator: false }
const FACILITATOR = { facilitator: true }

let plan: GovernedPlan
let device: Y.Doc
beforeEach(() => {
  plan = governedPlan()
  device = deviceOf(plan.server)
})

/**
 * Makes `change` on the device and checks what it sends: applied to the server when accepted;
 * when refused, the device starts again from the server's copy (as the client rejoins).
 */
function send(change: (doc: Y.Doc) => void, author = EDITOR): string | null {
  const update = editOn(plan.server, device, change)
  const reason = checkDeviceUpdate(plan.server, update, author)
  if (reason === null) Y.applyUpdate(plan.server, update)
  else device = deviceOf(plan.server)
  return reason
}

const check = (update: Uint8Array, author = EDITOR) => checkDeviceUpdate(plan.server, update, author)

const paragraphs = (...texts: string[]): RichTextJson => ({
  type: 'doc',
  content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
})

/** Nests `depth` XML elements, each inside the last, in `fragment` (one at a time: Yjs integrates nested prelim content recursively). */
function nest(fragment: Y.XmlFragment, depth: number): void {
  fragment.doc!.transact(() => {
    let at: Y.XmlFragment | Y.XmlElement = fragment
    for (let i = 0; i < depth; i++) {
      const inner = new Y.XmlElement('paragraph')
      at.insert(0, [inner])
      at = inner
    }
  })
}

describe('accepts the edits the shared mutators make', () => {
  it('focus areas and conditions: add, type, rich text, move, remove', () => {
    let added = plan.focusAreaId
    expect(send((d) => (added = addFocusArea(d, { title: 'Rangatahi', after: plan.focusAreaId })))).toBeNull()
    expect(send((d) => replaceText(getFocusArea(d, added)!.title, 'Rangatahi me te whānau'))).toBeNull()
    expect(send((d) => appendParagraph(getFocusArea(d, added)!.description, 'Ko te kaupapa'))).toBeNull()
    expect(send((d) => setFragmentFromJSON(getFocusArea(d, added)!.description, paragraphs('Tahi', 'Rua')))).toBeNull()
    expect(send((d) => moveFocusArea(d, added, { after: null }))).toBeNull()
    expect(send((d) => removeFocusArea(d, plan.focusAreaId))).toBeNull()
    let condition = plan.conditionId
    expect(send((d) => (condition = addCondition(d, { title: 'Shared data' })))).toBeNull()
    expect(send((d) => appendParagraph(getCondition(d, condition)!.description, 'Monthly'))).toBeNull()
    expect(getFocusArea(plan.server, added)?.title.toString()).toBe('Rangatahi me te whānau')
  })

  it('actions with their results chain, measures, status, and removing an action with progress reports', () => {
    let action = plan.actionId
    expect(send((d) => (action = addPriorityAction(d, { title: 'Night patrols', partners: ['Police'] })))).toBeNull()
    expect(send((d) => setFragmentFromJSON(getPriorityAction(d, action)!.activity, paragraphs('Walk the streets')))).toBeNull()
    expect(send((d) => appendParagraph(getPriorityAction(d, action)!.impact, 'Fewer burglaries'))).toBeNull()
    let measure = plan.measureId
    expect(send((d) => (measure = addMeasure(d, action, { name: 'Patrols', target: 10 })))).toBeNull()
    expect(send((d) => updateMeasure(d, action, measure, { target: 12 }))).toBeNull()
    expect(send((d) => setActionStatus(d, action, 'agreed'))).toBeNull()
    expect(send((d) => removeMeasure(d, action, measure))).toBeNull()
    expect(listProgressEntries(plan.server, plan.actionId)).toHaveLength(1)
    expect(send((d) => removePriorityAction(d, plan.actionId))).toBeNull()
    expect(getPriorityAction(plan.server, plan.actionId)).toBeNull()
  })

  it('titles: typing, a whole title replaced by another as long, the plan’s meta', () => {
    const long = (letter: string) => letter.repeat(PLAN_LIMITS.maxTitleChars - 10)
    expect(send((d) => replaceText(getFocusArea(d, plan.focusAreaId)!.title, long('a')))).toBeNull()
    expect(send((d) => replaceText(getFocusArea(d, plan.focusAreaId)!.title, long('b')))).toBeNull()
    expect(send((d) => replaceText(getPlanMeta(d).title!, 'Te Mahere o Whakatāne'))).toBeNull()
    expect(send((d) => setPlanMetaField(d, 'district', 'Bay of Plenty'))).toBeNull()
    expect(getPlanMeta(plan.server).title?.toString()).toBe('Te Mahere o Whakatāne')
  })

  it('the agenda, PANDA ticks and answers from a facilitator', () => {
    expect(send((d) => addAgendaItem(d, { kind: 'karakia', durationMinutes: 5 }), FACILITATOR)).toBeNull()
    expect(send((d) => setPandaDone(d, 'analysis.patterns', true), FACILITATOR)).toBeNull()
    expect(send((d) => pandaAnswer(d, 'analysis.patterns').insert(0, 'Mostly at night'), FACILITATOR)).toBeNull()
  })

  it('notes per agenda item from an editor, and a karakia’s words from a facilitator only', () => {
    let itemId = ''
    expect(send((d) => (itemId = addAgendaItem(d, { kind: 'karakia', durationMinutes: 5 })), FACILITATOR)).toBeNull()
    expect(send((d) => agendaNotes(d, itemId)!.insert(0, 'Matua Hēmi led the karakia.'))).toBeNull()
    expect(send((d) => updateAgendaItem(d, itemId, { karakia: 'Kia hora te marino' }))).toMatch('huiAgenda')
    expect(send((d) => updateAgendaItem(d, itemId, { karakia: 'Kia hora te marino' }), FACILITATOR)).toBeNull()
    // Notes of an item made before notes existed: any editor may create them.
    plan.server.getMap(COLLAB_ROOT_KEYS.huiNotes).delete(itemId)
    device = deviceOf(plan.server)
    expect(send((d) => ensureAgendaNotes(d, itemId)!.insert(0, 'Kai at 12'))).toBeNull()
    expect(agendaNotes(plan.server, itemId)!.toString()).toBe('Kai at 12')
  })

  it('a week offline as one sync message', () => {
    const offline = deviceOf(plan.server)
    const title = getFocusArea(offline, plan.focusAreaId)!.title
    for (let i = 0; i < 200; i++) title.insert(title.length, 'x')
    for (let i = 0; i < 150; i++) title.delete(title.length - 1, 1)
    for (let i = 0; i < 20; i++)
      appendParagraph(getFocusArea(offline, addFocusArea(offline, { title: `Item ${i}` }))!.description, `Kōrero ${i}`)
    removePriorityAction(offline, plan.actionId)
    const sync = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(plan.server))
    expect(check(sync)).toBeNull()
    Y.applyUpdate(plan.server, sync)
    expect(plan.server.store.pendingStructs).toBeNull()
    expect(getFocusArea(plan.server, plan.focusAreaId)!.title.length).toBe('Kāinga kore'.length + 50)
  })

  it('a struct the server holds part of, resent whole (it is applied from where the server stopped)', () => {
    const typist = deviceOf(plan.server)
    const before = Y.encodeStateVector(plan.server)
    const text = getFocusArea(typist, plan.focusAreaId)!.title
    text.insert(text.length, 'abc')
    Y.applyUpdate(plan.server, Y.encodeStateAsUpdate(typist, before))
    text.insert(text.length, 'def') // merges with "abc" into one struct on the device
    const resend = Y.encodeStateAsUpdate(typist, before)
    expect(Y.decodeUpdate(resend).structs.some((s) => s.id.clock === 0 && s.length === 6)).toBe(true)
    expect(check(resend)).toBeNull()
    Y.applyUpdate(plan.server, resend)
    expect(getFocusArea(plan.server, plan.focusAreaId)!.title.toString()).toBe('Kāinga koreabcdef')
  })
})

describe('refuses writes where a device may not write', () => {
  const who = { userId: 'u-1', userName: 'Aroha' }
  const governance: [string, (d: Y.Doc) => void][] = [
    [
      COLLAB_ROOT_KEYS.agreements,
      (d) =>
        recordPosition(d, { kind: 'condition', id: plan.conditionId }, partnerKey('iwi', 'Ngāti Awa'), {
          position: 'agree',
          fingerprint: 'f',
          ...who,
        }),
    ],
    [
      COLLAB_ROOT_KEYS.agreedMarks,
      (d) =>
        setAgreedMark(
          d,
          { kind: 'condition', id: plan.conditionId },
          { snapshotId: 's', label: 'l', at: 1, by: 'u', byName: 'n', fingerprint: 'f' },
          { source: 'local' },
        ),
    ],
    [
      COLLAB_ROOT_KEYS.attendance,
      (d) => markAttendance(d, { huiId: plan.huiId, userId: 'u-9', name: 'Nobody', affiliation: 'police', organisation: null, at: 5 }),
    ],
    [COLLAB_ROOT_KEYS.huiState, (d) => setHuiTimer(d, 'pause')],
    [COLLAB_ROOT_KEYS.parkingLot, (d) => parkTopic(d, { text: 'Forged', userId: 'u-1', userName: 'Aroha' })],
    [COLLAB_ROOT_KEYS.comments, (d) => replyToThread(d, listThreads(d)[0]!.id, { authorId: 'u-2', authorName: 'Mere', text: 'Forged' })],
    [
      COLLAB_ROOT_KEYS.restores,
      (d) =>
        recordRestore(
          d,
          { id: 'r2', snapshotId: 's', label: 'l', beforeSnapshotId: 's', by: 'u', byName: 'n', at: 9 },
          { source: 'local' },
        ),
    ],
  ]
  it.each(governance)('%s, even from a facilitator', (root, change) => {
    expect(send(change, FACILITATOR)).toMatch(root)
  })

  it('removing or rewriting governance: a position withdrawn, a thread resolved, a hui restarted', () => {
    expect(send((d) => withdrawPosition(d, { kind: 'focusArea', id: plan.focusAreaId }, partnerKey('iwi', 'Ngāti Awa')))).toMatch(
      'agreements',
    )
    expect(send((d) => setThreadResolved(d, listThreads(d)[0]!.id, true, 'u-1'))).toMatch('comments')
    expect(send((d) => startHui(d, 'u-1'), FACILITATOR)).toMatch('huiState')
    expect(
      send((d) => startThread(d, { kind: 'focusArea', id: plan.focusAreaId }, { authorId: 'u-1', authorName: 'A', text: 'x' })),
    ).toMatch('comments')
  })

  it('an item sent already deleted as the last value of a server key (it would hide the server’s value)', () => {
    const client = freshClient(plan.server)
    const key = [...plan.server.getMap(COLLAB_ROOT_KEYS.agreements).keys()][0]!
    const hidden = craftUpdate([
      {
        client,
        clock: 0,
        structs: [craftItem(client, 0, { parent: COLLAB_ROOT_KEYS.agreements, parentSub: key }, new Y.ContentDeleted(1))],
      },
    ])
    expect(check(hidden)).toMatch('agreements')
    const beside = craftUpdate([
      {
        client,
        clock: 0,
        structs: [
          craftItem(client, 0, { origin: rootEntry(plan.server, COLLAB_ROOT_KEYS.agreements, key).lastId }, new Y.ContentDeleted(1)),
        ],
      },
    ])
    expect(check(beside)).toMatch('agreements')
  })

  it('forged attendance: a new record written beside the existing one, with no delete set', () => {
    const key = [...plan.server.getMap(COLLAB_ROOT_KEYS.attendance).keys()][0]!
    const existing = rootEntry(plan.server, COLLAB_ROOT_KEYS.attendance, key)
    const client = freshClient(plan.server)
    const forged = { ...listAttendance(plan.server)[0]!, affiliation: 'police', organisation: 'New Zealand Police', name: 'Someone else' }
    const update = craftUpdate([
      { client, clock: 0, structs: [craftItem(client, 0, { origin: existing.lastId }, new Y.ContentAny([forged]))] },
    ])
    // The attack is real: applied as it stands, it replaces the record.
    const victim = deviceOf(plan.server)
    Y.applyUpdate(victim, update)
    expect(listAttendance(victim)[0]!.name).toBe('Someone else')
    expect(check(update)).toMatch('attendance')
  })

  it('a root the schema does not define, and the meta keys the server sets', () => {
    expect(send((d) => d.getMap('evil').set('x', 1))).toMatch('evil')
    expect(send((d) => d.getText('panda.unknownPrompt').insert(0, 'x'), FACILITATOR)).toMatch('panda.unknownPrompt')
    expect(send((d) => getPlanRoots(d).meta.set('schemaVersion', 99))).toMatch('meta')
    expect(send((d) => getPlanRoots(d).meta.delete('createdAt'))).toMatch('meta')
  })

  it('progress reports: added to an existing action, removed, or replaced wholesale', () => {
    const report = { date: '2025-04-01', values: {}, authorId: 'u-1', authorName: 'Aroha' }
    expect(send((d) => addProgressEntry(d, plan.actionId, report))).toMatch('progress')
    const entry = listProgressEntries(device, plan.actionId)[0]!
    expect(send((d) => removeProgressEntry(d, plan.actionId, entry.id))).toMatch('progress')
    expect(send((d) => (d.getMap('actions').get(plan.actionId) as Y.Map<unknown>).set('progress', new Y.Map()))).toMatch('progress')
    // A new action's progress map must come empty.
    const withReports = send((d) =>
      d.transact(() => {
        const id = addPriorityAction(d, { title: 'Forged' })
        addProgressEntry(d, id, report)
      }),
    )
    expect(withReports).toMatch('progress')
  })

  it('the agenda and the PANDA guide from an editor', () => {
    plan = governedPlan()
    plan.server.getMap(COLLAB_ROOT_KEYS.huiAgenda).clear()
    device = deviceOf(plan.server)
    expect(send((d) => addDefaultAgenda(d))).toMatch('huiAgenda')
    expect(send((d) => setPandaDone(d, 'problem.drivers', true))).toMatch('pandaDone')
    expect(send((d) => pandaAnswer(d, 'problem.harm').insert(0, 'x'))).toMatch('panda.problem.harm')
  })
})

describe('refuses updates that break a structural limit', () => {
  it('nesting 5,000 deep, 65 deep; 64 is allowed', () => {
    const description = (d: Y.Doc) => getFocusArea(d, plan.focusAreaId)!.description
    // focusAreas (root) → focus area (1) → description (2) → elements from depth 3.
    expect(send((d) => nest(description(d), 5_000))).toMatch('deeper than 64')
    expect(send((d) => nest(description(d), 63))).toMatch('deeper than 64')
    expect(send((d) => nest(description(d), 62))).toBeNull()
  })

  it('a map of 400,000 entries (and one of 2,000 is fine)', () => {
    const client = freshClient(plan.server)
    expect(check(hugeMapUpdate(client, 400_000))).toMatch('more than 2000 entries')
    const atLimit = hugeMapUpdate(client, PLAN_LIMITS.maxMapEntries)
    expect(check(atLimit)).toBeNull()
    Y.applyUpdate(plan.server, atLimit)
    expect((plan.server.getMap('focusAreas').get('flood') as Y.Map<unknown>).size).toBe(PLAN_LIMITS.maxMapEntries)
    expect(check(hugeMapUpdate(freshClient(plan.server), PLAN_LIMITS.maxMapEntries + 1))).toMatch('more than 2000 entries')
  })

  it('a title of 1.4 million characters, a text past its limit, a value past its size', () => {
    expect(send((d) => replaceText(getFocusArea(d, plan.focusAreaId)!.title, 'x'.repeat(1_400_000)))).toMatch('longer than 300')
    expect(send((d) => appendParagraph(getFocusArea(d, plan.focusAreaId)!.description, 'x'.repeat(PLAN_LIMITS.maxTextChars + 1)))).toMatch(
      'longer than 100000',
    )
    expect(send((d) => setActionStatus(d, plan.actionId, 'agreed'))).toBeNull()
    expect(
      send((d) => (d.getMap('actions').get(plan.actionId) as Y.Map<unknown>).set('lead', 'x'.repeat(PLAN_LIMITS.maxValueBytes))),
    ).toMatch('larger than')
  })

  it('subdocuments and binary', () => {
    expect(send((d) => getPlanRoots(d).meta.set('doc', new Y.Doc()))).toMatch('subdocuments')
    expect(send((d) => getPlanRoots(d).meta.set('bytes', new Uint8Array([1, 2, 3])))).toMatch('binary')
  })
})

describe('refuses what Yjs would keep pending, or cannot place', () => {
  it('a delete of ids nobody has sent', () => {
    const serverClient = plan.server.clientID
    const state = Y.getState(plan.server.store, serverClient)
    expect(check(craftUpdate([], [{ client: serverClient, clock: state, len: 3 }]))).toMatch('does not hold')
    expect(check(craftUpdate([], [{ client: freshClient(plan.server), clock: 0, len: 1 }]))).toMatch('does not hold')
  })

  it('deletions out of order (Yjs never writes them; they would make the scan walk the plan again and again)', () => {
    const serverClient = plan.server.clientID
    expect(
      check(
        craftUpdate(
          [],
          [
            { client: serverClient, clock: 0, len: 1 },
            { client: serverClient, clock: 0, len: 1 },
          ],
        ),
      ),
    ).toMatch('out of order')
  })

  it('a struct after a gap (its predecessor withheld)', () => {
    const updates: Uint8Array[] = []
    device.on('update', (update: Uint8Array) => updates.push(update))
    addFocusArea(device, { title: 'First' })
    addFocusArea(device, { title: 'Second' })
    expect(updates).toHaveLength(2)
    expect(check(updates[1]!)).toMatch('skips ahead')
    expect(check(updates[0]!)).toBeNull()
  })

  it('a keystroke after a keystroke the plan lacks skips ahead (the room holds it until the sync step 2)', () => {
    const updates: Uint8Array[] = []
    device.on('update', (update: Uint8Array) => updates.push(update))
    const title = getFocusArea(device, plan.focusAreaId)!.title
    title.insert(title.length, 'W')
    title.insert(title.length, 'h')
    expect(updates).toHaveLength(2)
    expect(check(updates[1]!)).toMatch('skips ahead')
    expect(check(updates[0]!)).toBeNull()
  })

  it('references in a circle, to a later struct of the same client, or to nowhere', () => {
    const [a, b] = [freshClient(plan.server), freshClient(plan.server) + 1]
    const text = getFocusArea(plan.server, plan.focusAreaId)!.title._start!.id
    const circle = craftUpdate([
      { client: a, clock: 0, structs: [craftItem(a, 0, { origin: Y.createID(b, 1) }, new Y.ContentString('a'))] },
      {
        client: b,
        clock: 0,
        structs: [
          craftItem(b, 0, { origin: text }, new Y.ContentString('b')),
          craftItem(b, 1, { origin: Y.createID(a, 0) }, new Y.ContentString('c')),
        ],
      },
    ])
    expect(check(circle)).toMatch('circle')
    const forward = craftUpdate([
      {
        client: a,
        clock: 0,
        structs: [
          craftItem(a, 0, { origin: Y.createID(a, 1) }, new Y.ContentString('a')),
          craftItem(a, 1, { origin: text }, new Y.ContentString('b')),
        ],
      },
    ])
    expect(check(forward)).toMatch('itself')
    const nowhere = craftUpdate([
      { client: a, clock: 0, structs: [craftItem(a, 0, { parent: Y.createID(b, 7) }, new Y.ContentString('a'))] },
    ])
    expect(check(nowhere)).toMatch('does not hold')
  })

  it('a client listed twice (Yjs would apply only the second section)', () => {
    const a = freshClient(plan.server)
    const first = craftItem(a, 0, { parent: 'environment' }, new Y.ContentType(new Y.XmlText()))
    const second = craftItem(a, 1, { parent: Y.createID(a, 0) }, new Y.ContentString('x'))
    expect(check(craftUpdate([{ client: a, clock: 0, structs: [first, second] }]))).toBeNull()
    expect(
      check(
        craftUpdate([
          { client: a, clock: 0, structs: [first] },
          { client: a, clock: 1, structs: [second] },
        ]),
      ),
    ).toMatch('twice')
  })

  it('a resend of held ids claiming another place', () => {
    const typist = deviceOf(plan.server)
    const title = getFocusArea(typist, plan.focusAreaId)!.title
    title.insert(title.length, 'ab')
    Y.applyUpdate(plan.server, Y.encodeStateAsUpdate(typist, Y.encodeStateVector(plan.server)))
    const client = typist.clientID
    const attendance = rootEntry(plan.server, COLLAB_ROOT_KEYS.attendance, [...plan.server.getMap(COLLAB_ROOT_KEYS.attendance).keys()][0]!)
    const rewrite = craftUpdate([
      { client, clock: 0, structs: [craftItem(client, 0, { origin: attendance.lastId }, new Y.ContentString('abc'))] },
    ])
    expect(check(rewrite)).not.toBeNull()
    const elsewhere = craftUpdate([
      { client, clock: 0, structs: [craftItem(client, 0, { parent: 'environment' }, new Y.ContentString('abc'))] },
    ])
    expect(check(elsewhere)).toMatch('rewrites')
  })

  it('bytes that are not an update throw UndecodableUpdate', () => {
    expect(() => check(new Uint8Array([1, 2, 3, 200, 200]))).toThrow(UndecodableUpdate)
  })
})
