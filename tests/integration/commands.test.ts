import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  addFocusArea,
  addMeasure,
  addPriorityAction,
  agreedMarkOf,
  agreementOn,
  currentFingerprint,
  getFocusArea,
  getHuiState,
  getPriorityAction,
  IDEMPOTENCY_HEADER,
  latestRestore,
  listAgenda,
  listParkingLot,
  listPriorityActions,
  listProgressEntries,
  listThreads,
  partnerKey,
  partnersOf,
  positionsOn,
  replaceText,
  type ActionId,
  type Affiliation,
  type AgreementTarget,
  type CommentMessage,
  type HuiEndResult,
  type HuiStateResult,
  type ParkedTopic,
  type PlanJson,
  type PositionResult,
  type ProgressResult,
  type PromoteResult,
  type Role,
  type SnapshotSummary,
  type ThreadResult,
} from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { inProcessServer, spawnServer, tempDataDir } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
/** The same people in every plan (registrations per address are limited). */
const people = {} as Record<'facilitator' | 'Aroha' | 'Hine' | 'Tama' | 'Sam', ApiClient>
beforeAll(async () => {
  server = await inProcessServer({ QUOTA_PLANS_PER_HOUR: '0', QUOTA_SNAPSHOTS_PER_HOUR: '0' })
  people.facilitator = await new ApiClient(server.url).register('Mere Facilitator')
  for (const name of ['Aroha', 'Hine', 'Tama', 'Sam'] as const) people[name] = await new ApiClient(server.url).register(name)
})
afterEach(() => pool.destroyAll())
afterAll(async () => {
  await server.close()
})

let keys = 0
const newKey = () => `test-key-${process.pid}-${Date.now()}-${++keys}`

/** Invites one of `people` with the given terms (speaksFor included) and has them accept. */
async function invite(
  facilitator: ApiClient,
  planId: string,
  name: Exclude<keyof typeof people, 'facilitator'>,
  role: Role,
  affiliation: Affiliation,
  organisation: string,
  speaksFor = true,
) {
  const person = people[name]
  const created = await facilitator.request<{ code: string }>('POST', `/api/plans/${planId}/invites`, {
    role,
    affiliation,
    organisation,
    speaksFor,
  })
  expect(created.status).toBe(201)
  expect((await person.request('POST', `/api/invites/${created.body.code}/accept`)).status).toBe(200)
  return person
}

/** A plan with a police facilitator and an iwi editor on the stock client, and one focus area. */
async function plan() {
  const facilitator = people.facilitator
  const planId = await facilitator.createPlan()
  const editor = await invite(facilitator, planId, 'Aroha', 'editor', 'iwi', 'Ngāti Awa')
  const facilitatorClient = await pool.join(facilitator, server.wsUrl, planId)
  const editorClient = await pool.join(editor, server.wsUrl, planId)
  const focusAreaId = addFocusArea(editorClient.doc, { title: 'Rangatahi pathways' })
  await waitFor(() => getFocusArea(facilitatorClient.doc, focusAreaId), { message: 'focus area reaches the facilitator' })
  const target: AgreementTarget = { kind: 'focusArea', id: focusAreaId }
  // The content edit must be stored before a command refers to it.
  await waitFor(async () => (await facilitator.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.focusAreas.length === 1, {
    message: 'focus area stored',
  })
  return { planId, facilitator, editor, facilitatorClient, editorClient, target, focusAreaId }
}

const put = (api: ApiClient, planId: string, body: unknown, key?: string) =>
  api.request<PositionResult>('PUT', `/api/plans/${planId}/positions`, body, key ? { [IDEMPOTENCY_HEADER]: key } : {})

describe('positions as commands', () => {
  it('arrive live at every client, with name and partner from the membership whatever the body says; withdraw too', async () => {
    const { planId, editor, facilitatorClient, editorClient, target } = await plan()
    const fingerprint = currentFingerprint(editorClient.doc, target)!
    const smuggled = {
      target,
      position: 'agree',
      fingerprint,
      recordedByName: 'Forged',
      recordedBy: 'someone',
      partner: partnerKey('agency', 'MSD'),
      userName: 'Forged',
    }
    const response = await put(editor, planId, smuggled)
    expect(response.status).toBe(200)
    const iwi = partnerKey('iwi', 'Ngāti Awa')
    expect(response.body).toMatchObject({
      partner: iwi,
      earlierVersion: false,
      record: { recordedBy: editor.user!.id, recordedByName: 'Aroha', position: 'agree' },
    })
    await waitFor(() => positionsOn(facilitatorClient.doc, target).get(iwi)?.recordedByName === 'Aroha', {
      message: 'position arrives live',
    })
    expect([...positionsOn(facilitatorClient.doc, target).keys()]).toEqual([iwi])

    expect((await editor.request('DELETE', `/api/plans/${planId}/positions/focusArea/${target.id}`)).status).toBe(204)
    await waitFor(() => positionsOn(facilitatorClient.doc, target).size === 0, { message: 'withdrawal arrives live' })
    expect((await editor.request('DELETE', `/api/plans/${planId}/positions/focusArea/nosuchitem00001`)).status).toBe(404)
    expect(
      (await put(editor, planId, { target: { kind: 'focusArea', id: 'nosuchitem00001' }, position: 'agree', fingerprint })).status,
    ).toBe(404)
  })

  it('a position given on an earlier version is stored against it and shows as not current', async () => {
    const { planId, editor, facilitatorClient, editorClient, target, focusAreaId } = await plan()
    const seen = currentFingerprint(editorClient.doc, target)!
    replaceText(getFocusArea(facilitatorClient.doc, focusAreaId)!.title, 'Rangatahi pathways and mahi')
    await waitFor(
      async () => (await editor.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.focusAreas[0]!.title.endsWith('mahi'),
      {
        message: 'the change is stored',
      },
    )
    const response = await put(editor, planId, { target, position: 'agree', fingerprint: seen })
    expect(response.body).toMatchObject({ earlierVersion: true, record: { fingerprint: seen } })
    const partners = partnersOf([{ affiliation: 'iwi', organisation: 'Ngāti Awa' }])
    await waitFor(() => positionsOn(facilitatorClient.doc, target).size === 1, { message: 'position arrives' })
    const summary = agreementOn(facilitatorClient.doc, target, partners)
    expect(summary.state).toBe('open')
    expect(summary.positions[0]).toMatchObject({ current: false })
  })

  it('a viewer who speaks for their partner records a position and the item can be marked; one who does not gets 403', async () => {
    const facilitator = people.facilitator
    const planId = await facilitator.createPlan()
    const viewer = await invite(facilitator, planId, 'Hine', 'viewer', 'agency', 'Oranga Tamariki')
    const silent = await invite(facilitator, planId, 'Tama', 'viewer', 'community', 'Kaitāia Community House', false)
    const client = await pool.join(facilitator, server.wsUrl, planId)
    const target: AgreementTarget = { kind: 'focusArea', id: addFocusArea(client.doc, { title: 'Kai security' }) }
    await waitFor(async () => (await facilitator.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.focusAreas.length === 1, {
      message: 'stored',
    })
    const fingerprint = currentFingerprint(client.doc, target)!
    expect((await put(silent, planId, { target, position: 'agree', fingerprint })).status).toBe(403)
    const mark = () => facilitator.request<{ error: { message: string } }>('POST', `/api/plans/${planId}/agreements/mark`, { target })
    expect((await put(facilitator, planId, { target, position: 'agree', fingerprint })).status).toBe(200)
    const refused = await mark()
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('Not yet agreed: Oranga Tamariki (agency)')
    expect((await put(viewer, planId, { target, position: 'agree', fingerprint })).status).toBe(200)
    expect((await mark()).status).toBe(200)
    await waitFor(() => agreedMarkOf(client.doc, target), { message: 'the mark arrives' })
  })
})

describe('Idempotency-Key', () => {
  it('the same key applies once and answers the same; a key reused for another command gets 409', async () => {
    const { planId, editor, facilitatorClient, target } = await plan()
    const key = newKey()
    const body = { target: { kind: 'focusArea', id: target.id }, body: 'He pātai' }
    const send = () => editor.request<ThreadResult>('POST', `/api/plans/${planId}/comments`, body, { [IDEMPOTENCY_HEADER]: key })
    // Three at once (a retry racing the original), then one more later.
    const [first, ...again] = await Promise.all([send(), send(), send()])
    again.push(await send())
    expect(first!.status).toBe(201)
    for (const retry of again) expect({ status: retry.status, body: retry.body }).toEqual({ status: 201, body: first!.body })
    expect(again.filter((retry) => retry.headers.get('idempotent-replayed') === 'true')).toHaveLength(3)
    await waitFor(() => listThreads(facilitatorClient.doc).length === 1, { message: 'the thread arrives' })
    const stored = await editor.request<PlanJson>('GET', `/api/plans/${planId}/document`)
    expect(stored.body.comments).toHaveLength(1)

    const reused = await editor.request('POST', `/api/plans/${planId}/parking-lot`, { text: 'Kai' }, { [IDEMPOTENCY_HEADER]: key })
    expect(reused.status).toBe(409)
    // A command that changes nothing stores its key too.
    const withdrawKey = newKey()
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await editor.request('DELETE', `/api/plans/${planId}/positions/focusArea/${target.id}`, undefined, {
            [IDEMPOTENCY_HEADER]: withdrawKey,
          })
        ).status,
      ).toBe(204)
    }
    expect(
      (await editor.request('POST', `/api/plans/${planId}/parking-lot`, { text: 'Kai' }, { [IDEMPOTENCY_HEADER]: withdrawKey })).status,
    ).toBe(409)
    expect(
      (await editor.request('POST', `/api/plans/${planId}/parking-lot`, { text: 'Kai' }, { [IDEMPOTENCY_HEADER]: 'short' })).status,
    ).toBe(400)
  })

  it('holds across a server restart', async () => {
    const dataDir = tempDataDir()
    const first = await spawnServer({ dataDir })
    let restarted: Awaited<ReturnType<typeof spawnServer>> | undefined
    try {
      const { api, planId } = await facilitatorWithPlan(first.url)
      const key = newKey()
      const park = (who: ApiClient) =>
        who.request<ParkedTopic>('POST', `/api/plans/${planId}/parking-lot`, { text: 'Marae roof' }, { [IDEMPOTENCY_HEADER]: key })
      const answer = await park(api)
      expect(answer.status).toBe(201)
      expect(await first.stop('SIGKILL')).toBe(null)
      restarted = await spawnServer({ dataDir })
      const moved = api.at(restarted.url)
      const retry = await park(moved)
      expect({ status: retry.status, body: retry.body }).toEqual({ status: 201, body: answer.body })
      expect(retry.headers.get('idempotent-replayed')).toBe('true')
      const document = await moved.request<PlanJson>('GET', `/api/plans/${planId}/document`)
      expect(document.body.hui.parkingLot.map((t) => t.id)).toEqual([answer.body.id])
    } finally {
      await first.stop()
      await restarted?.stop()
    }
  })
  it('ending a hui: a retry after a crash between the end and its minutes gets the same answer, and the minutes are taken then', async () => {
    const dataDir = tempDataDir()
    const first = await spawnServer({ dataDir })
    let restarted: Awaited<ReturnType<typeof spawnServer>> | undefined
    try {
      const { api, planId } = await facilitatorWithPlan(first.url)
      expect((await api.request('POST', `/api/plans/${planId}/hui/start`, {})).status).toBe(200)
      const key = newKey()
      const end = (who: ApiClient) =>
        who.request<HuiEndResult>('POST', `/api/plans/${planId}/hui/end`, undefined, { [IDEMPOTENCY_HEADER]: key })
      const answer = await end(api)
      expect(answer.status).toBe(200)
      expect(await first.stop('SIGKILL')).toBe(null)
      // The state a crash right after the end leaves: the end and its key stored, the minutes not.
      const db = new Database(path.join(dataDir, 'hononga.db'))
      expect(db.prepare('DELETE FROM snapshots WHERE id = ?').run(answer.body.snapshot.id).changes).toBe(1)
      db.close()

      restarted = await spawnServer({ dataDir })
      const moved = api.at(restarted.url)
      const retry = await end(moved)
      expect({ status: retry.status, body: retry.body }).toEqual({ status: 200, body: answer.body })
      expect(retry.headers.get('idempotent-replayed')).toBe('true')
      const snapshots = await moved.request<SnapshotSummary[]>('GET', `/api/plans/${planId}/snapshots`)
      expect(snapshots.body.find((s) => s.id === answer.body.snapshot.id)).toMatchObject({
        label: answer.body.snapshot.label,
        kind: 'named',
      })
      const minutes = await moved.request<PlanJson>('GET', `/api/plans/${planId}/snapshots/${answer.body.snapshot.id}`)
      expect(minutes.status).toBe(200)
      expect(minutes.body.hui.state).toMatchObject({ active: false, endedAt: expect.any(String) })
    } finally {
      await first.stop()
      await restarted?.stop()
    }
  })
})

describe('the hui as commands', () => {
  it('start, advance, timer pause / resume / extend, focus and end by a facilitator arrive live; 403 for an editor; 409 without a hui', async () => {
    const { planId, facilitator, editor, facilitatorClient, editorClient, target } = await plan()
    const hui = (who: ApiClient, path: string, body?: unknown) =>
      who.request<HuiStateResult>('POST', `/api/plans/${planId}/hui/${path}`, body)
    expect((await hui(facilitator, 'advance', { itemId: 'x' })).status).toBe(409)
    expect((await hui(editor, 'start', {})).status).toBe(403)
    const started = await hui(facilitator, 'start', { agenda: 'default' })
    expect(started.status).toBe(200)
    expect(started.body).toMatchObject({ active: true, timerPausedAt: null, timerExtraMs: 0 })
    await waitFor(() => getHuiState(editorClient.doc).active && listAgenda(editorClient.doc).length > 0, {
      message: 'the hui starts everywhere',
    })
    expect((await hui(facilitator, 'start', {})).status).toBe(409)

    const second = listAgenda(editorClient.doc)[1]!.id
    expect((await hui(editor, 'advance', { itemId: second })).status).toBe(403)
    expect((await hui(facilitator, 'advance', { itemId: second })).body.currentItemId).toBe(second)
    expect((await hui(facilitator, 'advance', { itemId: 'nosuchitem00001' })).status).toBe(404)
    await waitFor(() => getHuiState(editorClient.doc).currentItemId === second, { message: 'advance arrives' })

    expect((await hui(editor, 'timer', { action: 'pause' })).status).toBe(403)
    expect((await hui(facilitator, 'timer', { action: 'pause' })).body.timerPausedAt).not.toBeNull()
    await waitFor(() => getHuiState(editorClient.doc).timerPausedAt !== null, { message: 'pause arrives' })
    expect((await hui(facilitator, 'timer', { action: 'resume' })).body.timerPausedAt).toBeNull()
    expect((await hui(facilitator, 'timer', { action: 'extend', minutes: 10 })).body.timerExtraMs).toBeGreaterThanOrEqual(600_000)
    await waitFor(() => getHuiState(editorClient.doc).timerExtraMs >= 600_000, { message: 'extension arrives' })

    expect((await hui(editor, 'focus', { focus: { step: 'focus-areas', target } })).status).toBe(403)
    expect((await hui(facilitator, 'focus', { focus: { step: 'focus-areas', target } })).status).toBe(200)
    await waitFor(() => getHuiState(editorClient.doc).focus?.target?.id === target.id, { message: 'focus arrives' })
    expect(getHuiState(editorClient.doc).focus?.by).toBe(facilitator.user!.id)
    expect((await hui(facilitator, 'focus', { focus: null })).status).toBe(200)
    await waitFor(() => getHuiState(editorClient.doc).focus === null, { message: 'focus cleared' })

    expect((await hui(editor, 'end')).status).toBe(403)
    expect((await hui(facilitator, 'end')).status).toBe(200)
    await waitFor(() => !getHuiState(facilitatorClient.doc).active, { message: 'the end arrives' })
    expect((await hui(facilitator, 'end')).status).toBe(409)
  })
})

describe('parking lot, comments and progress as commands', () => {
  it('parking lot: who may park, resolve, own and remove a topic', async () => {
    const { planId, facilitator, editor, facilitatorClient } = await plan()
    const viewer = await invite(facilitator, planId, 'Hine', 'viewer', 'agency', 'Oranga Tamariki')
    const silent = await invite(facilitator, planId, 'Tama', 'viewer', 'community', 'Kaitāia Community House', false)
    const other = await invite(facilitator, planId, 'Sam', 'editor', 'agency', 'MSD')
    const url = `/api/plans/${planId}/parking-lot`
    expect((await silent.request('POST', url, { text: 'Kai' })).status).toBe(403)
    const parked = await viewer.request<ParkedTopic>('POST', url, { text: 'Kai', addedByName: 'Forged' })
    expect(parked.status).toBe(201)
    expect(parked.body).toMatchObject({ addedBy: viewer.user!.id, addedByName: 'Hine', resolved: false })
    await waitFor(() => listParkingLot(facilitatorClient.doc).length === 1, { message: 'the topic arrives' })
    const topic = `${url}/${parked.body.id}`
    expect((await viewer.request('PATCH', topic, { resolved: true })).status).toBe(403)
    expect((await editor.request<ParkedTopic>('PATCH', topic, { resolved: true })).body.resolved).toBe(true)
    expect((await editor.request('PATCH', topic, { owner: editor.user!.id })).status).toBe(403)
    const owned = await facilitator.request<ParkedTopic>('PATCH', topic, { owner: editor.user!.id, ownerName: 'Forged' })
    expect(owned.body).toMatchObject({ ownerId: editor.user!.id, ownerName: 'Aroha' })
    await waitFor(() => listParkingLot(facilitatorClient.doc)[0]?.ownerName === 'Aroha', { message: 'the owner arrives' })
    expect((await facilitator.request('PATCH', topic, { actionId: 'nosuchaction001' })).status).toBe(404)
    expect((await other.request('DELETE', topic)).status).toBe(403)
    expect((await viewer.request('DELETE', topic)).status).toBe(204)
    await waitFor(() => listParkingLot(facilitatorClient.doc).length === 0, { message: 'the removal arrives' })
    expect((await viewer.request('DELETE', topic)).status).toBe(404)
  })

  it('comments: thread, reply, resolve and remove', async () => {
    const { planId, facilitator, editor, facilitatorClient, target } = await plan()
    const other = await invite(facilitator, planId, 'Sam', 'editor', 'agency', 'MSD')
    const silent = await invite(facilitator, planId, 'Tama', 'viewer', 'community', 'Kaitāia Community House', false)
    const url = `/api/plans/${planId}/comments`
    expect((await silent.request('POST', url, { target, body: 'Kia ora' })).status).toBe(403)
    expect((await editor.request('POST', url, { target: { kind: 'action', id: 'nosuchaction001' }, body: 'Kia ora' })).status).toBe(404)
    const thread = await editor.request<ThreadResult>('POST', url, { target, body: 'Kia ora', authorName: 'Forged' })
    expect(thread.status).toBe(201)
    expect(thread.body).toMatchObject({
      createdBy: editor.user!.id,
      createdByName: 'Aroha',
      messages: [{ authorName: 'Aroha', text: 'Kia ora' }],
    })
    const reply = await other.request<CommentMessage>('POST', `${url}/${thread.body.id}/replies`, { body: 'Ae' })
    expect(reply.body).toMatchObject({ authorId: other.user!.id, authorName: 'Sam' })
    await waitFor(() => listThreads(facilitatorClient.doc)[0]?.messages.length === 2, { message: 'the reply arrives' })
    expect((await other.request<ThreadResult>('PATCH', `${url}/${thread.body.id}`, { resolved: true })).body).toMatchObject({
      resolved: true,
      resolvedBy: other.user!.id,
    })
    await waitFor(() => listThreads(facilitatorClient.doc)[0]?.resolved, { message: 'resolve arrives' })

    expect((await editor.request('DELETE', `${url}/${thread.body.id}/replies/${reply.body.id}`)).status).toBe(403)
    expect((await facilitator.request('DELETE', `${url}/${thread.body.id}/replies/${reply.body.id}`)).status).toBe(204)
    await waitFor(() => listThreads(facilitatorClient.doc)[0]?.messages.length === 1, { message: 'the reply is removed' })
    expect((await other.request('DELETE', `${url}/${thread.body.id}`)).status).toBe(403)
    expect((await editor.request('DELETE', `${url}/${thread.body.id}`)).status).toBe(204)
    await waitFor(() => listThreads(facilitatorClient.doc).length === 0, { message: 'the thread is removed' })
    expect((await editor.request('POST', `${url}/${thread.body.id}/replies`, { body: 'Ae' })).status).toBe(404)
  })

  it('progress: editors report in their own name; the author or a facilitator removes a report', async () => {
    const { planId, facilitator, editor, facilitatorClient, editorClient } = await plan()
    const viewer = await invite(facilitator, planId, 'Hine', 'viewer', 'agency', 'Oranga Tamariki')
    const other = await invite(facilitator, planId, 'Sam', 'editor', 'agency', 'MSD')
    const actionId = addPriorityAction(editorClient.doc, { title: 'Wānanga' }) as ActionId
    const measure = addMeasure(editorClient.doc, actionId, { name: 'Attendance' })
    await waitFor(
      async () => (await editor.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.actions[0]?.measures.length === 1,
      { message: 'stored' },
    )
    const url = `/api/plans/${planId}/actions/${actionId}/progress`
    const body = { date: '2025-03-31', values: { [measure]: 12 }, status: 'in progress', note: 'Kua tīmata', authorName: 'Forged' }
    expect((await viewer.request('POST', url, body)).status).toBe(403)
    expect((await editor.request('POST', `/api/plans/${planId}/actions/nosuchaction001/progress`, body)).status).toBe(404)
    expect((await editor.request('POST', url, { ...body, values: { nosuchmeasure01: 1 } })).status).toBe(404)
    const added = await editor.request<ProgressResult>('POST', url, body)
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({
      actionId,
      authorId: editor.user!.id,
      authorName: 'Aroha',
      values: { [measure]: 12 },
      status: 'in progress',
    })
    await waitFor(() => listProgressEntries(facilitatorClient.doc, actionId)[0]?.authorName === 'Aroha', { message: 'the report arrives' })
    expect((await other.request('DELETE', `${url}/${added.body.id}`)).status).toBe(403)
    expect((await facilitator.request('DELETE', `${url}/${added.body.id}`)).status).toBe(204)
    await waitFor(() => listProgressEntries(facilitatorClient.doc, actionId).length === 0, { message: 'the removal arrives' })
    expect((await editor.request('DELETE', `${url}/${added.body.id}`)).status).toBe(404)
  })

  it('a restore writes a RestoreRecord, named from the server, that clients receive', async () => {
    const { planId, facilitator, editorClient } = await plan()
    const snapshot = await facilitator.request<SnapshotSummary>('POST', `/api/plans/${planId}/snapshots`, { label: 'Before' })
    const restored = await facilitator.request<{ before: SnapshotSummary }>(
      'POST',
      `/api/plans/${planId}/snapshots/${snapshot.body.id}/restore`,
    )
    expect(restored.status).toBe(200)
    const record = await waitFor(() => latestRestore(editorClient.doc), { message: 'the restore record arrives' })
    expect(record).toMatchObject({
      snapshotId: snapshot.body.id,
      label: 'Before',
      beforeSnapshotId: restored.body.before.id,
      by: facilitator.user!.id,
      byName: 'Mere Facilitator',
    })
  })
})

describe('promoting a parked topic to a priority action', () => {
  const promotePath = (planId: string, topicId: string) => `/api/plans/${planId}/parking-lot/${topicId}/promote`

  it('creates the action and links the topic once, however often it is retried; 409 once promoted', async () => {
    const { planId, facilitator, editor, facilitatorClient, editorClient } = await plan()
    const url = `/api/plans/${planId}/parking-lot`
    const parked = await editor.request<ParkedTopic>('POST', url, { text: 'Kai for the next wānanga' })
    await facilitator.request<ParkedTopic>('PATCH', `${url}/${parked.body.id}`, { owner: editor.user!.id })
    const key = newKey()
    const send = () =>
      facilitator.request<PromoteResult>('POST', promotePath(planId, parked.body.id), undefined, { [IDEMPOTENCY_HEADER]: key })
    // A retry racing the original, then one more later.
    const [first, ...again] = await Promise.all([send(), send()])
    again.push(await send())
    expect(first!.status).toBe(201)
    for (const retry of again) expect({ status: retry.status, body: retry.body }).toEqual({ status: 201, body: first!.body })
    const { actionId, topic } = first!.body
    expect(topic).toMatchObject({ id: parked.body.id, actionId, ownerId: editor.user!.id })

    // One action, titled with the topic, led by its owner, linked from the topic: everyone sees it.
    await waitFor(() => listParkingLot(editorClient.doc)[0]?.actionId === actionId, { message: 'the link arrives' })
    const action = getPriorityAction(editorClient.doc, actionId as ActionId)
    expect(action).toMatchObject({ title: expect.anything(), lead: 'Aroha', leadUserId: editor.user!.id, status: 'proposed' })
    expect(action!.title.toString()).toBe('Kai for the next wānanga')
    const stored = await facilitator.request<PlanJson>('GET', `/api/plans/${planId}/document`)
    expect(stored.body.actions.map((a) => a.id)).toEqual([actionId])
    expect(stored.body.hui.parkingLot[0]).toMatchObject({ id: parked.body.id, actionId })
    expect(listPriorityActions(facilitatorClient.doc)).toHaveLength(1)

    // A new key (another person's click, a second tab) is refused: the topic is an action already.
    const twice = await facilitator.request('POST', promotePath(planId, parked.body.id), undefined, { [IDEMPOTENCY_HEADER]: newKey() })
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({ error: { code: 'conflict' } })
    const after = await facilitator.request<PlanJson>('GET', `/api/plans/${planId}/document`)
    expect(after.body.actions).toHaveLength(1)
  })

  it('facilitators and the topic’s owner may promote it; others get 403, a missing topic 404', async () => {
    const { planId, facilitator, editor } = await plan()
    const other = await invite(facilitator, planId, 'Sam', 'editor', 'agency', 'MSD')
    const viewer = await invite(facilitator, planId, 'Hine', 'viewer', 'agency', 'Oranga Tamariki')
    const url = `/api/plans/${planId}/parking-lot`
    const parked = await viewer.request<ParkedTopic>('POST', url, { text: 'Marae roof' })
    // Its author is not its owner, nor is an editor it was not given to.
    expect((await viewer.request('POST', promotePath(planId, parked.body.id))).status).toBe(403)
    expect((await other.request('POST', promotePath(planId, parked.body.id))).status).toBe(403)
    expect((await editor.request('POST', promotePath(planId, parked.body.id))).status).toBe(403)
    expect((await facilitator.request('POST', promotePath(planId, 'nosuchtopic0001'))).status).toBe(404)
    const stillParked = await facilitator.request<PlanJson>('GET', `/api/plans/${planId}/document`)
    expect(stillParked.body.actions).toHaveLength(0)

    await facilitator.request('PATCH', `${url}/${parked.body.id}`, { owner: editor.user!.id })
    const promoted = await editor.request<PromoteResult>('POST', promotePath(planId, parked.body.id))
    expect(promoted.status).toBe(201)
    expect(promoted.body.topic.actionId).toBe(promoted.body.actionId)
  })
})
