import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addFocusArea, getPlanMeta, MessageType, SyncMessageType, toPlanJson } from '@hononga/shared'
import { facilitatorWithPlan, type ApiClient } from './support/api'
import { frame, RawSocket } from './support/raw-socket'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()

beforeAll(async () => {
  server = await inProcessServer()
})
afterAll(async () => {
  pool.destroyAll()
  await server.close()
})

/** A facilitator's socket, synced: it may write whenever the plan is in use. */
async function facilitatorSocket(api: ApiClient, planId: string): Promise<RawSocket> {
  const socket = new RawSocket(`${server.wsUrl}/${planId}?ticket=${await api.ticket(planId)}`)
  await waitFor(() => socket.messages.length > 0, { message: 'sync step 1 from the server' })
  socket.send(frame(MessageType.Sync, SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())))
  await waitFor(() => socket.messages.length >= 2, { message: 'the plan arrives' })
  return socket
}

function focusAreaUpdate(title: string): Uint8Array {
  const doc = new Y.Doc()
  addFocusArea(doc, { title })
  return Y.encodeStateAsUpdate(doc)
}

const storedTitles = async (api: ApiClient, planId: string) =>
  (await api.request<{ focusAreas: { title: string }[] }>('GET', `/api/plans/${planId}/document`)).body.focusAreas.map((f) => f.title)

describe('an archived or deleted plan over the socket', () => {
  it('refuses edits from a socket connected before the archive, and from one opened after it', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const before = await facilitatorSocket(api, planId)
    before.send(frame(MessageType.Sync, SyncMessageType.Update, focusAreaUpdate('Before the archive')))
    await waitFor(async () => (await storedTitles(api, planId)).includes('Before the archive'), { message: 'first edit stored' })
    expect(before.messageTypes).not.toContain(MessageType.Auth)

    expect((await api.request('POST', `/api/plans/${planId}/archive`)).status).toBe(200)
    // Told at once, before it writes anything, through the auth sub-protocol (permission
    // denied), so the page can show the plan archived without a reload.
    await waitFor(() => before.messageTypes.includes(MessageType.Auth), { message: 'permission denied at the archive' })
    before.send(frame(MessageType.Sync, SyncMessageType.Update, focusAreaUpdate('Written while archived')))
    // Told once only.
    await waitFor(async () => (await storedTitles(api, planId)).length === 1, { message: 'the plan still has one focus area' })
    expect(before.messageTypes.filter((type) => type === MessageType.Auth)).toHaveLength(1)
    const after = await facilitatorSocket(api, planId)
    after.send(frame(MessageType.Sync, SyncMessageType.Step2, focusAreaUpdate('Written later while archived')))
    await waitFor(() => after.messageTypes.includes(MessageType.Auth), { message: 'permission denied (opened after)' })

    // Both refusals were handled before this: each socket was told. Restore, then a server-written marker.
    expect((await api.request('DELETE', `/api/plans/${planId}/archive`)).status).toBe(200)
    expect((await api.request('PATCH', `/api/plans/${planId}`, { title: 'Marker title' })).status).toBe(200)
    const observer = await pool.join(api, server.wsUrl, planId)
    await waitFor(() => getPlanMeta(observer.doc).title?.toString() === 'Marker title', { message: 'rename reaches a new client' })
    expect(toPlanJson(observer.doc).focusAreas.map((f) => f.title)).toEqual(['Before the archive'])
    expect(await storedTitles(api, planId)).toEqual(['Before the archive'])

    // Restored: the socket connected all along may write again.
    before.send(frame(MessageType.Sync, SyncMessageType.Update, focusAreaUpdate('After the restore')))
    await waitFor(() => toPlanJson(observer.doc).focusAreas.some((f) => f.title === 'After the restore'), { message: 'edit after restore' })
    before.close()
    after.close()
  })

  it('a deleted plan is read-only for its sockets until the deletion is undone', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    expect((await api.request('POST', `/api/plans/${planId}/deletion`, { confirmTitle: 'Whakatāne community plan' })).status).toBe(200)
    const socket = await facilitatorSocket(api, planId)
    socket.send(frame(MessageType.Sync, SyncMessageType.Update, focusAreaUpdate('Written while deleted')))
    await waitFor(() => socket.messageTypes.includes(MessageType.Auth), { message: 'permission denied' })
    expect((await api.request('DELETE', `/api/plans/${planId}/deletion`)).status).toBe(200)
    expect((await api.request('PATCH', `/api/plans/${planId}`, { community: 'Marker' })).status).toBe(200)
    const observer = await pool.join(api, server.wsUrl, planId)
    await waitFor(() => getPlanMeta(observer.doc).community?.toString() === 'Marker', { message: 'marker arrives' })
    expect(toPlanJson(observer.doc).focusAreas).toEqual([])
    socket.close()
  })
})
