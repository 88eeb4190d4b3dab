import * as decoding from 'lib0/decoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addCondition,
  addFocusArea,
  addMeasure,
  addPriorityAction,
  CloseCode,
  getHuiState,
  measureOriginId,
  MessageType,
  originKey,
  originOf,
  originsRoot,
  partnerKey,
  removeFocusArea,
  removePriorityAction,
  SyncMessageType,
  type ActionId,
  type FocusAreaId,
  type PlanJson,
} from '@hononga/shared'
import { ApiClient } from './support/api'
import { frame, RawSocket } from './support/raw-socket'
import { spawnServer, tempDataDir, type SpawnedServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/**
 * Who contributed what (issue 13 §1), against the real server process and stock y-websocket
 * clients: the server attributes each item a socket adds or removes, from its own record of
 * the member, and stores the attribution with the update.
 */

const dataDir = tempDataDir('hononga-origins-')
let server: SpawnedServer
const pool = new ClientPool()
let facilitator: ApiClient
let aroha: ApiClient
let sam: ApiClient
let planId: string

beforeAll(async () => {
  server = await spawnServer({ dataDir })
  facilitator = await new ApiClient(server.url).register('Mere Facilitator')
  aroha = await new ApiClient(server.url).register('Aroha Smith')
  sam = await new ApiClient(server.url).register('Sam Jones')
  planId = await facilitator.createPlan()
  await facilitator.invite(planId, aroha, 'editor', 'iwi', 'Ngāti Awa')
  await facilitator.invite(planId, sam, 'editor', 'police', 'New Zealand Police')
}, 90_000)
afterEach(() => pool.destroyAll())
afterAll(async () => {
  await server.stop()
})

const iwi = partnerKey('iwi', 'Ngāti Awa')
const police = partnerKey('police', 'New Zealand Police')
const acks = (socket: RawSocket) =>
  socket.messages
    .map((message) => decoding.createDecoder(message))
    .filter((decoder) => decoding.readVarUint(decoder) === MessageType.Ack)
    .map((decoder) => decoding.readVarUint(decoder))
const document = async (api: ApiClient) => (await api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body

// One plan, in order: each test builds on what the one before it left.
describe('origins of items', () => {
  let focusAreaId: FocusAreaId
  let actionId: ActionId
  let measureOrigin: string

  it('a focus area added by an iwi member is theirs and Ngāti Awa’s, with no hui; everyone sees it', async () => {
    const watcher = await pool.join(facilitator, server.wsUrl, planId)
    const client = await pool.join(aroha, server.wsUrl, planId)
    focusAreaId = addFocusArea(client.doc, { title: 'Rangatahi pathways' })
    const origin = await waitFor(() => originOf(watcher.doc, 'focusArea', focusAreaId), { message: 'origin reaches the facilitator' })
    expect(origin).toMatchObject({
      kind: 'focusArea',
      userId: aroha.user!.id,
      name: 'Aroha Smith',
      partner: iwi,
      affiliation: 'iwi',
      organisation: 'Ngāti Awa',
      huiId: null,
      huiStartedAt: null,
    })
    // The author's own copy gets it too (the server's write goes to every socket).
    await waitFor(() => originOf(client.doc, 'focusArea', focusAreaId), { message: 'origin reaches its author' })
    expect(client.closes).toEqual([])
  })

  it('an action and its measure added by Police during a hui name the hui', async () => {
    expect((await facilitator.request('POST', `/api/plans/${planId}/hui/start`, {})).status).toBe(200)
    const client = await pool.join(sam, server.wsUrl, planId)
    const huiId = await waitFor(() => getHuiState(client.doc).huiId, { message: 'hui state reaches the member' })
    actionId = addPriorityAction(client.doc, { title: 'Kai for the kura' })
    const measureId = addMeasure(client.doc, actionId, { name: 'Tamariki fed each week' })
    measureOrigin = measureOriginId(actionId, measureId)
    const origin = await waitFor(() => originOf(client.doc, 'action', actionId), { message: 'action origin' })
    expect(origin).toMatchObject({ userId: sam.user!.id, partner: police, huiId, huiStartedAt: getHuiState(client.doc).startedAt })
    const measure = await waitFor(() => originOf(client.doc, 'measure', measureOrigin), { message: 'measure origin' })
    expect(measure).toMatchObject({ kind: 'measure', userId: sam.user!.id, huiId })
  })

  it('a device that writes an origin itself is closed with 4422 and its record goes nowhere', async () => {
    const client = await pool.join(aroha, server.wsUrl, planId)
    const forged = { ...originOf(client.doc, 'action', actionId)!, userId: aroha.user!.id, name: 'Aroha Smith', partner: iwi }
    originsRoot(client.doc).set(originKey('action', actionId), forged)
    await waitFor(() => client.closes.some((close) => close.code === CloseCode.EditRefused), { message: '4422 for the forger' })
    const stored = await document(facilitator)
    expect(stored.origins.find((o) => o.key === originKey('action', actionId))).toMatchObject({ userId: sam.user!.id, partner: police })
  })

  it('a removal is recorded on the origin, by whom and for which partner', async () => {
    const client = await pool.join(sam, server.wsUrl, planId)
    removeFocusArea(client.doc, focusAreaId)
    const origin = await waitFor(
      () => originOf(client.doc, 'focusArea', focusAreaId)?.removedBy && originOf(client.doc, 'focusArea', focusAreaId),
      {
        message: 'removal recorded',
      },
    )
    // Still Aroha's contribution; Sam removed it.
    expect(origin).toMatchObject({ userId: aroha.user!.id, partner: iwi, removedBy: { userId: sam.user!.id, partner: police } })
  })

  it('the actions CSV says who added each action and at which hui', async () => {
    const csv = await facilitator.request<string>('GET', `/api/plans/${planId}/export/actions.csv`)
    expect(csv.status).toBe(200)
    const [header = '', row = ''] = csv.body.replace(/^\uFEFF/, '').split('\r\n')
    expect(header.split(',')).toContain('Added by')
    expect(row).toMatch(/New Zealand Police \(Sam Jones\) at the hui of \d{1,2} [A-Z][a-z]+ \d{4}/)
  })

  it('an action promoted from the parking lot is the promoting member’s', async () => {
    const parked = await aroha.request<{ id: string }>('POST', `/api/plans/${planId}/parking-lot`, { text: 'Marae roof' })
    expect(parked.status).toBe(201)
    const promoted = await facilitator.request<{ actionId: string }>('POST', `/api/plans/${planId}/parking-lot/${parked.body.id}/promote`)
    expect(promoted.status).toBe(201)
    const stored = await document(facilitator)
    expect(stored.origins.find((o) => o.key === originKey('action', promoted.body.actionId))).toMatchObject({
      userId: facilitator.user!.id,
      partner: partnerKey('police', null),
    })
    // Gone again, so the rest of this file sees the plan as before.
    const client = await pool.join(facilitator, server.wsUrl, planId)
    removePriorityAction(client.doc, promoted.body.actionId as ActionId)
    await waitFor(async () => (await document(facilitator)).actions.length === 1, { message: 'the promoted action removed' })
  })

  it('an import does not copy origins: the new plan’s items are the importer’s', async () => {
    const exported = await aroha.request<unknown>('GET', `/api/plans/${planId}/export.json`)
    expect(exported.status).toBe(200)
    const imported = await aroha.request<{ id: string }>('POST', '/api/plans/import', exported.body)
    expect(imported.status).toBe(201)
    const plan = (await aroha.request<PlanJson>('GET', `/api/plans/${imported.body.id}/document`)).body
    const [action] = plan.actions
    expect(plan.origins.map((o) => o.key).sort()).toEqual(
      [originKey('action', action!.id), originKey('measure', measureOriginId(action!.id, action!.measures[0]!.id))].sort(),
    )
    // The importer made the plan as Police (the import's default partner), with no hui running.
    for (const origin of plan.origins)
      expect(origin).toMatchObject({ userId: aroha.user!.id, partner: partnerKey('police', null), huiId: null })
  })

  it('origins survive a crash: an acknowledged edit was stored with its attribution', async () => {
    const before = await document(facilitator)
    expect(before.origins.map((o) => o.key)).toEqual(
      expect.arrayContaining([originKey('focusArea', focusAreaId), originKey('action', actionId), originKey('measure', measureOrigin)]),
    )
    // A condition sent on a raw socket that asks for acknowledgements: once its edit is acknowledged
    // (stored), the server dies at once, before anything else can be written.
    // A device's own new copy: the condition is the first, so it needs nothing of the plan.
    const base = new Y.Doc()
    const socket = new RawSocket(`${server.wsUrl}/${planId}?acks=1`, { cookie: aroha.cookie!, origin: server.url })
    await waitFor(() => socket.messages.length > 0, { message: 'sync step 1' })
    const updates: Uint8Array[] = []
    base.on('update', (update: Uint8Array) => updates.push(update))
    const conditionId = addCondition(base, { title: 'Whānau trust the kaupapa' })
    for (const update of updates) socket.send(frame(MessageType.Sync, SyncMessageType.Update, update))
    await waitFor(() => acks(socket).at(-1) === updates.length, { message: 'the edit acknowledged' })
    expect(await server.stop('SIGKILL')).toBe(null)
    socket.close()

    server = await spawnServer({ dataDir })
    facilitator = facilitator.at(server.url)
    const after = await document(facilitator)
    expect(after.conditions.map((c) => c.id)).toEqual([conditionId])
    expect(after.origins.find((o) => o.key === originKey('condition', conditionId))).toMatchObject({ userId: aroha.user!.id, partner: iwi })
    expect(after.origins.filter((o) => o.key !== originKey('condition', conditionId))).toEqual(before.origins)
  })
})
