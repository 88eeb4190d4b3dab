import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addFocusArea, CloseCode, MessageType, SyncMessageType, toPlanJson } from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { frame, RawSocket } from './support/raw-socket'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
const TICKET_TTL_MS = 400

beforeAll(async () => {
  server = await inProcessServer({ WS_TICKET_TTL_MS: String(TICKET_TTL_MS) })
})
afterAll(async () => {
  pool.destroyAll()
  await server.close()
})

const join = (api: ApiClient, planId: string) => pool.join(api, server.wsUrl, planId)

/** A forged edit: a focus area made in a private doc, sent as a y-websocket update. */
function forgedUpdate(title: string): Uint8Array {
  const doc = new Y.Doc()
  addFocusArea(doc, { title })
  return Y.encodeStateAsUpdate(doc)
}

describe('who may open a plan socket', () => {
  it('anonymous sockets are closed with 4401 and receive no document byte', async () => {
    const { planId } = await facilitatorWithPlan(server.url)
    const socket = new RawSocket(`${server.wsUrl}/${planId}`)
    expect(await socket.closed).toEqual({ code: CloseCode.Unauthenticated, reason: 'not signed in' })
    expect(socket.messages).toEqual([])
  })

  it('non-members are closed with 4403 and receive no document byte, even with a valid cookie', async () => {
    const { planId } = await facilitatorWithPlan(server.url)
    const stranger = await new ApiClient(server.url).register('Stranger')
    const socket = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: stranger.cookie!, origin: server.url })
    expect((await socket.closed).code).toBe(CloseCode.Forbidden)
    expect(socket.messages).toEqual([])
    // ...and cannot get a ticket either.
    expect((await stranger.request('POST', `/api/plans/${planId}/ws-ticket`)).status).toBe(404)
  })

  it('a member’s cookie from a foreign page (cross-site WebSocket hijacking) is refused', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const socket = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: 'https://evil.example' })
    expect((await socket.closed).code).toBe(CloseCode.Forbidden)
    expect(socket.messages).toEqual([])
    const ok = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: server.url })
    await waitFor(() => ok.messages.length > 0, { message: 'sync step 1 for the same-origin socket' })
    ok.close()
  })

  it('a ticket works once, only for its plan, and not after it expires', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const otherPlan = await api.createPlan('Another plan', 'Kawerau')

    const ticket = await api.ticket(planId)
    const first = new RawSocket(`${server.wsUrl}/${planId}?ticket=${ticket}`)
    await waitFor(() => first.messages.length > 0, { message: 'first use accepted' })
    const reuse = new RawSocket(`${server.wsUrl}/${planId}?ticket=${ticket}`)
    expect((await reuse.closed).code).toBe(CloseCode.Unauthenticated)
    expect(reuse.messages).toEqual([])
    first.close()

    const wrongPlan = new RawSocket(`${server.wsUrl}/${otherPlan}?ticket=${await api.ticket(planId)}`)
    expect((await wrongPlan.closed).code).toBe(CloseCode.Unauthenticated)

    const issued = await api.request<{ ticket: string; expiresAt: string }>('POST', `/api/plans/${planId}/ws-ticket`)
    await waitFor(() => Date.now() > Date.parse(issued.body.expiresAt) + 10, { message: 'ticket expiry', timeoutMs: TICKET_TTL_MS * 10 })
    const late = new RawSocket(`${server.wsUrl}/${planId}?ticket=${issued.body.ticket}`)
    expect((await late.closed).code).toBe(CloseCode.Unauthenticated)
    expect(late.messages).toEqual([])
  })

  it('after a refused ticket, a valid one still connects and syncs', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const bad = new RawSocket(`${server.wsUrl}/${planId}?ticket=not-a-ticket`)
    expect((await bad.closed).code).toBe(CloseCode.Unauthenticated)
    const client = await join(api, planId)
    expect(toPlanJson(client.doc).meta.title).toBe('Whakatāne community plan')
  })

  it('refuses a client that speaks another schema major version', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const socket = new RawSocket(`${server.wsUrl}/${planId}?ticket=${await api.ticket(planId)}&schema=999`)
    expect((await socket.closed).code).toBe(CloseCode.IncompatibleSchema)
    expect(socket.messages).toEqual([])
  })

  it('plain GET on the socket address answers 426 with the error shape', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const response = await api.request('GET', `/ws/${planId}`)
    expect(response.status).toBe(426)
    expect(response.body).toEqual({ error: { code: 'not_upgradable', message: expect.any(String) } })
  })
})

describe('viewers', () => {
  it('receive the plan and presence, but every edit they send is refused: not applied, stored or broadcast', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const viewer = await new ApiClient(server.url).register('Viewer')
    await api.invite(planId, viewer, 'viewer')
    const editor = await join(api, planId)
    addFocusArea(editor.doc, { title: 'Visible to the viewer' })

    const socket = new RawSocket(`${server.wsUrl}/${planId}?ticket=${await viewer.ticket(planId)}`)
    await waitFor(() => socket.messages.length > 0, { message: 'viewer receives sync step 1' })
    socket.send(frame(MessageType.Sync, SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())))
    await waitFor(() => socket.messages.length >= 2, { message: 'viewer receives the plan' })

    socket.send(frame(MessageType.Sync, SyncMessageType.Update, forgedUpdate('Forged by a viewer')))
    socket.send(frame(MessageType.Sync, SyncMessageType.Step2, forgedUpdate('Forged step 2')))
    // The viewer is told once, through the auth sub-protocol (permission denied).
    await waitFor(() => socket.messageTypes.includes(MessageType.Auth), { message: 'permission denied message' })

    // A marker edit after the forgeries: once the editor sees it, it would have seen them too.
    addFocusArea(editor.doc, { title: 'Marker' })
    const check = await join(api, planId)
    await waitFor(() => toPlanJson(check.doc).focusAreas.some((f) => f.title === 'Marker'), { message: 'marker' })
    const titles = toPlanJson(editor.doc).focusAreas.map((f) => f.title)
    expect(titles).toEqual(['Visible to the viewer', 'Marker'])
    expect(toPlanJson(check.doc).focusAreas.map((f) => f.title)).toEqual(titles)
    const stored = await api.request<{ focusAreas: { title: string }[] }>('GET', `/api/plans/${planId}/document`)
    expect(stored.body.focusAreas.map((f) => f.title)).toEqual(titles)
    socket.close()
  })

  it('a member demoted to viewer while connected can no longer write; a removed member is disconnected', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const partner = await new ApiClient(server.url).register('Partner')
    await api.invite(planId, partner, 'editor')
    const facilitator = await join(api, planId)
    const client = await join(partner, planId)

    addFocusArea(client.doc, { title: 'While an editor' })
    await waitFor(() => toPlanJson(facilitator.doc).focusAreas.length === 1, { message: 'editor edit arrives' })

    const demoted = await api.request('PATCH', `/api/plans/${planId}/members/${partner.user!.id}`, { role: 'viewer' })
    expect(demoted.status).toBe(200)
    addFocusArea(client.doc, { title: 'After demotion' })
    addFocusArea(facilitator.doc, { title: 'Marker' })
    await waitFor(() => toPlanJson(client.doc).focusAreas.some((f) => f.title === 'Marker'), { message: 'marker reaches partner' })
    const fresh = await join(api, planId)
    expect(
      toPlanJson(fresh.doc)
        .focusAreas.map((f) => f.title)
        .sort(),
    ).toEqual(['Marker', 'While an editor'])

    const removed = await api.request('DELETE', `/api/plans/${planId}/members/${partner.user!.id}`)
    expect(removed.status).toBe(204)
    await waitFor(() => client.closes.some((c) => c.code === CloseCode.Forbidden), { message: 'removed member disconnected' })
  })
})
