import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addFocusArea,
  CloseCode,
  currentFingerprint,
  getEnvironment,
  MessageType,
  PlanExport,
  SyncMessageType,
  toPlanJson,
  type ErrorBody,
  type MarkAgreedResult,
  type PlanDetail,
  type PlanJson,
  type PositionResult,
  type SnapshotSummary,
} from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { updatesOf, writersIn } from './support/forge'
import { frame, RawSocket } from './support/raw-socket'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/**
 * Issue 9's attacks on accounts, presence, import and quotas, each shown refused (the plan
 * document attacks are in attacks.test.ts). One server with the default settings, and one
 * with small quotas and a small plan size cap.
 */

type Server = Awaited<ReturnType<typeof inProcessServer>>
let server: Server
let small: Server
const pool = new ClientPool()
const QUOTAS = { plans: 3, imports: 1, snapshots: 2 }
beforeAll(async () => {
  server = await inProcessServer()
  small = await inProcessServer({
    QUOTA_PLANS_PER_HOUR: String(QUOTAS.plans),
    QUOTA_IMPORTS_PER_HOUR: String(QUOTAS.imports),
    QUOTA_SNAPSHOTS_PER_HOUR: String(QUOTAS.snapshots),
    PLAN_MAX_BYTES: String(64 * 1024),
  })
})
afterEach(() => pool.destroyAll())
afterAll(async () => {
  pool.destroyAll()
  await server.close()
  await small.close()
})

/** What storage holds for a plan right now, as a document. */
async function stored(on: Server, planId: string): Promise<Y.Doc> {
  const loaded = await on.storage.store.load(planId)
  const doc = new Y.Doc()
  if (loaded?.state) Y.applyUpdate(doc, loaded.state)
  for (const update of loaded?.updates ?? []) Y.applyUpdate(doc, update)
  return doc
}

describe('a partner whose only member is a viewer', () => {
  it('a viewer who speaks for their partner records its position, and the item can then be marked agreed', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const viewer = await new ApiClient(server.url).register('Rāwiri Viewer')
    await api.invite(planId, viewer, 'viewer', 'agency', 'Oranga Tamariki')
    const detail = await api.request<PlanDetail>('GET', `/api/plans/${planId}`)
    expect(detail.body.members.find((m) => m.userId === viewer.user!.id)).toMatchObject({ role: 'viewer', speaksFor: true })

    const client = await pool.join(api, server.wsUrl, planId)
    const id = addFocusArea(client.doc, { title: 'Whānau first' })
    const target = { kind: 'focusArea' as const, id }
    await waitFor(async () => (await api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.focusAreas.length === 1, {
      message: 'item stored',
    })
    const put = (who: ApiClient) =>
      who.request<PositionResult>('PUT', `/api/plans/${planId}/positions`, {
        target,
        position: 'agree',
        fingerprint: currentFingerprint(client.doc, target),
      })
    const mark = () => api.request<MarkAgreedResult & ErrorBody>('POST', `/api/plans/${planId}/agreements/mark`, { target })

    expect((await put(api)).status).toBe(200)
    // Oranga Tamariki has a voice (its viewer speaks for it) and has not agreed yet: it is named.
    const early = await mark()
    expect(early.status).toBe(409)
    expect(early.body.error).toMatchObject({ code: 'not_agreed', message: expect.stringContaining('Oranga Tamariki') })

    const recorded = await put(viewer)
    expect(recorded.status).toBe(200)
    expect(recorded.body.record).toMatchObject({ position: 'agree', recordedBy: viewer.user!.id, recordedByName: 'Rāwiri Viewer' })
    const marked = await mark()
    expect(marked.status).toBe(200)
    expect(marked.body.snapshot).toMatchObject({ kind: 'named' })
    await waitFor(() => toPlanJson(client.doc).agreedMarks.some((m) => m.target.id === id), { message: 'mark reaches the client' })
  })
})

describe('logout', () => {
  it('logout closes that session’s cookie-authenticated socket with 4401, and it cannot write afterwards', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    // The same person signed in a second time (another device): its socket must stay open.
    const other = new ApiClient(server.url)
    expect(
      (await other.request('POST', '/api/auth/login', { email: api.user!.email, password: 'correct horse battery staple' })).status,
    ).toBe(200)
    const open = (who: ApiClient) => new RawSocket(`${server.wsUrl}/${planId}`, { cookie: who.cookie!, origin: server.url })
    const socket = open(api)
    const otherSocket = open(other)
    await waitFor(() => socket.messages.length > 0 && otherSocket.messages.length > 0, { message: 'both sockets open' })
    const oldCookie = api.cookie!

    expect((await api.request('POST', '/api/auth/logout')).status).toBe(204)
    // A write straight after the logout is answered, whether the close has arrived or not.
    const late = new Y.Doc()
    const [edit] = updatesOf(late, () => addFocusArea(late, { title: 'Written after logout' }))
    if (socket.socket.readyState === socket.socket.OPEN) socket.send(frame(MessageType.Sync, SyncMessageType.Update, edit!))
    expect(await closeCode(socket)).toBe(CloseCode.Unauthenticated)

    // The session's cookie opens nothing any more.
    const again = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: oldCookie, origin: server.url })
    expect(await closeCode(again)).toBe(CloseCode.Unauthenticated)
    expect(again.messages).toEqual([])

    // The other session carries on; nothing written after the logout was kept.
    const marker = new Y.Doc()
    const [ok] = updatesOf(marker, () => addFocusArea(marker, { title: 'Other device' }))
    otherSocket.send(frame(MessageType.Sync, SyncMessageType.Update, ok!))
    await waitFor(async () => toPlanJson(await stored(server, planId)).focusAreas.length > 0, { message: 'the other session writes' })
    expect(writersIn(await stored(server, planId)).has(late.clientID)).toBe(false)
    expect(otherSocket.socket.readyState).toBe(otherSocket.socket.OPEN)
    otherSocket.close()
  })
})

describe('presence after reconnect', () => {
  it('presence after reconnect: a stock provider that reconnects (new ticket, same provider and awareness id) is seen again', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const other = await new ApiClient(server.url).register('Hēmi Watcher')
    await api.invite(planId, other, 'editor')
    const mover = await pool.join(api, server.wsUrl, planId)
    const watcher = await pool.join(other, server.wsUrl, planId)
    const seen = () =>
      watcher.provider.awareness.getStates().get(mover.doc.clientID) as { step?: string; user?: { id?: string; name?: string } } | undefined
    mover.provider.awareness.setLocalStateField('step', 'environment')
    await waitFor(() => seen()?.step === 'environment', { message: 'mover present' })
    expect(seen()!.user).toMatchObject({ id: api.user!.id, name: 'Mere Facilitator' })

    const awarenessId = mover.provider.awareness.clientID
    mover.provider.disconnect()
    await waitFor(() => !seen(), { message: 'mover gone' })
    mover.provider.params = { ...mover.provider.params, ticket: await api.ticket(planId) }
    mover.provider.connect()
    await waitFor(() => seen()?.step === 'environment', { message: 'mover present again' })
    expect(mover.provider.awareness.clientID).toBe(awarenessId)
    expect(seen()!.user).toMatchObject({ id: api.user!.id })
  })
})

/** A valid PlanExport of a fresh plan, to alter. */
async function exportOf(on: Server, api: ApiClient, planId: string): Promise<PlanExport> {
  const response = await fetch(`${on.url}/api/plans/${planId}/export.json`, { headers: { cookie: api.cookie!, origin: on.url } })
  expect(response.status).toBe(200)
  return PlanExport.parse(await response.json())
}

/** `file` as JSON with its environment replaced by a paragraph inside `depth` blockquotes (written as text: too deep for JSON.stringify). */
function withNestedEnvironment(file: PlanExport, depth: number): string {
  const placeholder = '"__environment__"'
  const nested =
    '{"type":"doc","content":[' +
    '{"type":"blockquote","content":['.repeat(depth) +
    '{"type":"paragraph","content":[{"type":"text","text":"kei raro rawa"}]}' +
    ']}'.repeat(depth) +
    ']}'
  return JSON.stringify({ ...file, plan: { ...file.plan, environment: '__environment__' } }).replace(placeholder, nested)
}

/** Resolves with the socket's close code, or null when it is still open after `timeoutMs`. */
async function closeCode(socket: RawSocket, timeoutMs = 20_000): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)))
  const code = await Promise.race([socket.closed.then((c) => c.code), timeout])
  clearTimeout(timer)
  return code
}

describe('import', () => {
  it('import of a 4 MiB title is refused with 400', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const file = await exportOf(server, api, planId)
    file.plan.meta.title = 'Ā'.repeat(2 * 1024 * 1024)
    const response = await api.request<ErrorBody>('POST', '/api/plans/import', file)
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('validation_failed')
    expect((await api.request<unknown[]>('GET', '/api/plans')).body).toHaveLength(1)
  })

  it('import of rich text nested 2,000+ deep is refused with 400, not 500', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const file = await exportOf(server, api, planId)
    for (const depth of [2_500, 5_000]) {
      const response = await api.request<ErrorBody>('POST', '/api/plans/import', withNestedEnvironment(file, depth))
      expect(response.status, `nesting ${depth}`).toBe(400)
      expect(response.body.error.code).toBe('validation_failed')
    }
    expect((await api.request<unknown[]>('GET', '/api/plans')).body).toHaveLength(1)
    // The same file with ordinary rich text imports.
    expect((await api.request('POST', '/api/plans/import', withNestedEnvironment(file, 2))).status).toBe(201)
  })

  it('snapshot creation, imports and plan creation beyond the quota get 429 with Retry-After', async () => {
    const expectQuota = (response: { status: number; headers: Headers; body: unknown }) => {
      expect(response.status).toBe(429)
      expect((response.body as ErrorBody).error.code).toBe('rate_limited')
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    const { api, planId } = await facilitatorWithPlan(small.url) // plan 1 of 3
    for (let i = 1; i <= QUOTAS.snapshots; i++) {
      expect((await api.request('POST', `/api/plans/${planId}/snapshots`, { label: `Hui ${i}` })).status).toBe(201)
    }
    expectQuota(await api.request('POST', `/api/plans/${planId}/snapshots`, { label: 'One too many' }))
    const named = (await api.request<SnapshotSummary[]>('GET', `/api/plans/${planId}/snapshots`)).body.filter((s) => s.kind === 'named')
    expect(named).toHaveLength(QUOTAS.snapshots)

    const file = await exportOf(small, api, planId)
    expect((await api.request('POST', '/api/plans/import', file)).status).toBe(201) // plan 2 of 3, import 1 of 1
    expectQuota(await api.request('POST', '/api/plans/import', file))
    expect((await api.request('POST', '/api/plans', { title: 'Third', community: 'Kawerau' })).status).toBe(201) // plan 3 of 3
    expectQuota(await api.request('POST', '/api/plans', { title: 'Fourth', community: 'Kawerau' }))
    expect((await api.request<unknown[]>('GET', '/api/plans')).body).toHaveLength(QUOTAS.plans)

    // Quotas are per person.
    const someoneElse = await new ApiClient(small.url).register('Another Facilitator')
    expect((await someoneElse.request('POST', '/api/plans', { title: 'Theirs', community: 'Ōpōtiki' })).status).toBe(201)
  })
})

describe('the plan size cap', () => {
  it('an edit that takes the plan past PLAN_MAX_BYTES closes its socket with 4413 and is not kept; smaller edits go on', async () => {
    const { api, planId } = await facilitatorWithPlan(small.url)
    const writer = await pool.join(api, small.wsUrl, planId)
    const witness = await pool.join(api, small.wsUrl, planId)
    const socket = new RawSocket(`${small.wsUrl}/${planId}?ticket=${await api.ticket(planId)}`)
    await waitFor(() => socket.messages.length > 0, { message: 'sync step 1' })
    // One paragraph of 90,000 characters: within every structural limit, past the 64 KiB cap.
    const big = new Y.Doc()
    Y.applyUpdate(big, Y.encodeStateAsUpdate(writer.doc))
    const [update] = updatesOf(big, () => {
      const paragraph = new Y.XmlElement('paragraph')
      getEnvironment(big).insert(0, [paragraph])
      paragraph.insert(0, [new Y.XmlText('ā'.repeat(90_000))])
    })
    socket.send(frame(MessageType.Sync, SyncMessageType.Update, update!))
    expect(await closeCode(socket)).toBe(CloseCode.PlanTooLarge)

    addFocusArea(writer.doc, { title: 'Small edit' })
    await waitFor(() => toPlanJson(witness.doc).focusAreas.length === 1, { message: 'a small edit goes on' })
    expect(writersIn(witness.doc).has(big.clientID)).toBe(false)
    expect(writersIn(await stored(small, planId)).has(big.clientID)).toBe(false)
    expect(writer.closes).toEqual([])
  })
})

describe('passwords and names', () => {
  const register = (body: Record<string, string>) =>
    new ApiClient(server.url).request<ErrorBody>('POST', '/api/auth/register', {
      email: `attack.${Math.random().toString(36).slice(2)}@example.nz`,
      name: 'Tama Rāwiri',
      password: 'kōrero mō te awa o Rangitāiki',
      ...body,
    })

  it('weak passwords ("          ", "password12", "1234567890") are refused with 400 on register', async () => {
    for (const password of ['          ', 'password12', '1234567890']) {
      const response = await register({ password })
      expect(response.status, JSON.stringify(password)).toBe(400)
      expect(response.body.error.code).toBe('validation_failed')
    }
    expect((await register({})).status).toBe(201)
  })

  it('names with NUL, U+202E (right-to-left override) or U+200B (zero-width space) are refused with 400', async () => {
    for (const name of ['Tama\u0000Rāwiri', 'Tama \u202eirawāR', 'Tama\u200bRāwiri']) {
      const response = await register({ name })
      expect(response.status, JSON.stringify(name)).toBe(400)
      expect(response.body.error.code).toBe('validation_failed')
    }
    // A macron typed as a combining character is stored as the precomposed letter (NFC).
    const combining = await register({ name: 'Nga\u0304ti Awa' })
    expect(combining.status).toBe(201)
    expect((combining.body as unknown as { name: string }).name).toBe('Ngāti Awa')
  })
})
