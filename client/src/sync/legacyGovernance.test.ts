import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addFocusArea,
  addMeasure,
  addPriorityAction,
  addProgressEntry,
  currentFingerprint,
  IdempotencyKey,
  initPlanDoc,
  parkTopic,
  partnerKey,
  recordPosition,
  replyToThread,
  startThread,
  type ActionId,
} from '@hononga/shared'
import { memoryOutboxStore, Outbox, type OutboxConnection } from './outbox'
import { legacyCommands, legacyKey } from './legacyGovernance'

const me = { id: 'user-tama' }
const colleague = { id: 'user-hine' }
const iwi = partnerKey('iwi', 'Ngāti Awa')

/** The plan as the server has it, and a device's copy that went offline with it. */
function planAndDevice() {
  const server = new Y.Doc()
  initPlanDoc(server, { title: 'Ōpōtiki plan', community: 'Ōpōtiki' })
  const focusArea = addFocusArea(server, { title: 'Whānau safety' })
  const action = addPriorityAction(server, { title: 'Rangatahi pathways' }) as ActionId
  const measure = addMeasure(server, action, { name: 'Rangatahi in mahi' })
  const device = new Y.Doc()
  Y.applyUpdate(device, Y.encodeStateAsUpdate(server))
  return { server, device, focusArea: { kind: 'focusArea' as const, id: focusArea }, action, measure }
}

/** What the old client wrote into its copy while offline: mine, and a colleague's that reached this device. */
function writeOffline(plan: ReturnType<typeof planAndDevice>) {
  const { device, focusArea, action, measure } = plan
  const fingerprint = currentFingerprint(device, focusArea)!
  recordPosition(device, focusArea, iwi, {
    position: 'agree with concerns',
    comment: 'Kōrero with whānau first',
    userId: me.id,
    userName: 'Tama',
    fingerprint,
    at: 1_000,
  })
  parkTopic(device, { text: 'Funding for the marae van', userId: me.id, userName: 'Tama', at: 1_100 })
  parkTopic(device, { text: 'Not mine to send', userId: colleague.id, userName: 'Hine', at: 1_150 })
  const thread = startThread(device, focusArea, { authorId: me.id, authorName: 'Tama', text: 'Who leads this?', at: 1_200 })
  replyToThread(device, thread, { authorId: colleague.id, authorName: 'Hine', text: 'Ngāti Awa, I think', at: 1_300 })
  replyToThread(device, thread, { authorId: me.id, authorName: 'Tama', text: 'Kei te pai', at: 1_400 })
  addProgressEntry(device, action, {
    date: '2026-03-12',
    values: { [measure]: 4 },
    status: 'in progress',
    note: 'Four started',
    authorId: me.id,
    authorName: 'Tama',
  })
  return { thread }
}

describe('legacyCommands', () => {
  it('turns my governance records the server lacks into commands, oldest first, leaving others alone', () => {
    const plan = planAndDevice()
    const { thread } = writeOffline(plan)
    const commands = legacyCommands(plan.device, plan.server, me)

    expect(commands.map((c) => c.name)).toEqual(['putPosition', 'park', 'startThread', 'reply', 'addProgress'])
    const [position, topic, started, reply, report] = commands
    expect(position!.body).toEqual({
      target: plan.focusArea,
      position: 'agree with concerns',
      comment: 'Kōrero with whānau first',
      fingerprint: currentFingerprint(plan.device, plan.focusArea),
    })
    expect(topic!.body).toEqual({ text: 'Funding for the marae van' })
    expect(started!.body).toEqual({ target: plan.focusArea, body: 'Who leads this?' })
    // The reply goes to the thread the command above creates (its server id is not known yet).
    expect(reply!.params).toEqual({ threadId: `@outbox:${started!.key}` })
    expect(reply!.body).toEqual({ body: 'Kei te pai' })
    expect(report!.params).toEqual({ actionId: plan.action })
    expect(report!.body).toMatchObject({ date: '2026-03-12', values: { [plan.measure]: 4 }, status: 'in progress', note: 'Four started' })
    expect(started!.key).toBe(legacyKey('thread', thread))
    for (const command of commands) expect(IdempotencyKey.safeParse(command.key).success, command.key).toBe(true)
  })

  it('gives the same keys every time, so converting twice queues nothing new', async () => {
    const plan = planAndDevice()
    writeOffline(plan)
    const first = legacyCommands(plan.device, plan.server, me)
    const second = legacyCommands(plan.device, plan.server, me)
    expect(second.map((c) => c.key)).toEqual(first.map((c) => c.key))
    expect(new Set(first.map((c) => c.key)).size).toBe(first.length)

    const connection: OutboxConnection = { getState: () => ({ kind: 'offline' }), subscribe: () => () => undefined }
    const outbox = new Outbox({ planId: 'plan', store: memoryOutboxStore(), connection })
    for (const command of [...first, ...second]) await outbox.enqueue(command)
    expect(outbox.getSnapshot()).toHaveLength(first.length)
    outbox.destroy()
  })

  it('queues nothing for records the server already has: by id, or (for what the server names itself) by content', () => {
    const plan = planAndDevice()
    writeOffline(plan)
    // The server applied the commands: positions keep their key; topics, threads, replies and
    // reports get the server's own ids but the same words and author.
    const fingerprint = currentFingerprint(plan.server, plan.focusArea)!
    recordPosition(plan.server, plan.focusArea, iwi, {
      position: 'agree with concerns',
      comment: 'Kōrero with whānau first',
      userId: me.id,
      userName: 'Tama',
      fingerprint,
      at: 1_000,
    })
    parkTopic(plan.server, { text: 'Funding for the marae van', userId: me.id, userName: 'Tama', at: 5_000 })
    const thread = startThread(plan.server, plan.focusArea, { authorId: me.id, authorName: 'Tama', text: 'Who leads this?', at: 5_100 })
    replyToThread(plan.server, thread, { authorId: me.id, authorName: 'Tama', text: 'Kei te pai', at: 5_200 })
    addProgressEntry(plan.server, plan.action, {
      date: '2026-03-12',
      values: { [plan.measure]: 4 },
      status: 'in progress',
      note: 'Four started',
      authorId: me.id,
      authorName: 'Tama',
    })

    expect(legacyCommands(plan.device, plan.server, me)).toEqual([])
  })

  it('leaves a position alone when the server holds a later one for that partner', () => {
    const plan = planAndDevice()
    writeOffline(plan)
    const fingerprint = currentFingerprint(plan.server, plan.focusArea)!
    recordPosition(plan.server, plan.focusArea, iwi, {
      position: 'object',
      comment: 'Not like this',
      userId: colleague.id,
      userName: 'Hine',
      fingerprint,
      at: 2_000,
    })
    expect(legacyCommands(plan.device, plan.server, me).map((c) => c.name)).not.toContain('putPosition')
  })

  it('replies by me in a thread the server has go to that thread; threads of others missing on the server are skipped', () => {
    const plan = planAndDevice()
    // A colleague's thread reached the server and this device; I replied offline.
    const theirs = startThread(plan.server, plan.focusArea, { authorId: colleague.id, authorName: 'Hine', text: 'Tēnā koutou', at: 500 })
    Y.applyUpdate(plan.device, Y.encodeStateAsUpdate(plan.server))
    replyToThread(plan.device, theirs, { authorId: me.id, authorName: 'Tama', text: 'Tēnā koe', at: 600 })
    // A colleague's offline thread that only reached this device: not mine to send.
    startThread(plan.device, plan.focusArea, { authorId: colleague.id, authorName: 'Hine', text: 'Never stored', at: 700 })
    const commands = legacyCommands(plan.device, plan.server, me)
    expect(commands).toHaveLength(1)
    expect(commands[0]).toMatchObject({ name: 'reply', params: { threadId: theirs }, body: { body: 'Tēnā koe' } })
  })

  it('skips positions recorded for a partner I no longer speak for', () => {
    const plan = planAndDevice()
    writeOffline(plan)
    const names = legacyCommands(plan.device, plan.server, { id: me.id, partnerKey: partnerKey('community', 'Ōpōtiki Rugby') }).map(
      (c) => c.name,
    )
    expect(names).not.toContain('putPosition')
    expect(names).toContain('park')
  })
})
