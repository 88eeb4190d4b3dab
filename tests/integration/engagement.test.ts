import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  addFocusArea,
  addPriorityAction,
  engagementOf,
  minutesOf,
  type EngagementResult,
  type HuiEndResult,
  type HuiStateResult,
  type PlanJson,
  type TrackerResponse,
} from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/** The engagement level of focus areas and actions (issue 13 §4): a facilitators' command, shown in exports, minutes and the tracker. */

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  server = await inProcessServer({ QUOTA_PLANS_PER_HOUR: '0', QUOTA_SNAPSHOTS_PER_HOUR: '0' })
})
afterEach(() => pool.destroyAll())
afterAll(async () => {
  await server.close()
})

/** A plan with a facilitator, an iwi editor and an agency viewer (who speaks for its partner), one focus area and two actions. */
async function plan() {
  const { api: facilitator, planId } = await facilitatorWithPlan(server.url)
  const editor = await new ApiClient(server.url).register('Aroha')
  const viewer = await new ApiClient(server.url).register('Sam')
  await facilitator.invite(planId, editor, 'editor', 'iwi', 'Ngāti Awa')
  await facilitator.invite(planId, viewer, 'viewer', 'agency', 'Oranga Tamariki')
  const client = await pool.join(editor, server.wsUrl, planId)
  const focusAreaId = addFocusArea(client.doc, { title: 'Rangatahi pathways' })
  const actionId = addPriorityAction(client.doc, { title: 'Wānanga for rangatahi', status: 'agreed', dueDate: '2030-01-01' })
  const otherId = addPriorityAction(client.doc, { title: 'Kai hub', status: 'agreed', dueDate: '2030-02-01' })
  await waitFor(async () => (await document(facilitator, planId)).actions.length === 2, { message: 'items stored' })
  return { planId, facilitator, editor, viewer, client, focusAreaId, actionId, otherId }
}

async function document(api: ApiClient, planId: string): Promise<PlanJson> {
  return (await api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body
}

const put = (api: ApiClient, planId: string, body: unknown) => api.request<EngagementResult>('PUT', `/api/plans/${planId}/engagement`, body)

describe('the engagement level', () => {
  it('only a facilitator sets or clears it; it arrives live, with the name from the membership; 404 for an unknown item', async () => {
    const { planId, facilitator, editor, viewer, client, focusAreaId } = await plan()
    const target = { kind: 'focusArea', id: focusAreaId }
    expect((await put(editor, planId, { target, level: 'partner' })).status).toBe(403)
    expect((await put(viewer, planId, { target, level: 'partner' })).status).toBe(403)
    const outsider = await new ApiClient(server.url).register('Outsider')
    expect((await put(outsider, planId, { target, level: 'partner' })).status).toBe(404)

    const set = await put(facilitator, planId, { target, level: 'partner', name: 'Forged', userId: 'someone' })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ target, record: { level: 'partner', name: 'Mere Facilitator', userId: facilitator.user!.id } })
    await waitFor(() => engagementOf(client.doc, { kind: 'focusArea', id: focusAreaId })?.level === 'partner', {
      message: 'level arrives live',
    })

    expect((await put(facilitator, planId, { target, level: 'sideways' })).status).toBe(400)
    expect((await put(facilitator, planId, { target: { kind: 'condition', id: focusAreaId }, level: 'inform' })).status).toBe(400)
    const unknown = await put(facilitator, planId, { target: { kind: 'action', id: 'nosuchitem00001' }, level: 'inform' })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } })

    expect((await editor.request('DELETE', `/api/plans/${planId}/engagement/focusArea/${focusAreaId}`)).status).toBe(403)
    expect((await facilitator.request('DELETE', `/api/plans/${planId}/engagement/focusArea/${focusAreaId}`)).status).toBe(204)
    await waitFor(() => engagementOf(client.doc, { kind: 'focusArea', id: focusAreaId }) === null, { message: 'cleared live' })
    expect((await facilitator.request('DELETE', `/api/plans/${planId}/engagement/action/nosuchitem00001`)).status).toBe(404)
    // Cleared: the plan holds no level any more.
    expect((await document(facilitator, planId)).engagement).toEqual([])
  })

  it('is in the JSON export, the actions CSV, the tracker (as a filter) and the minutes of the hui it was set at', async () => {
    const { planId, facilitator, editor, actionId, otherId } = await plan()
    const hui = await facilitator.request<HuiStateResult>('POST', `/api/plans/${planId}/hui/start`, {})
    expect(hui.status).toBe(200)
    expect((await put(facilitator, planId, { target: { kind: 'action', id: actionId }, level: 'partner' })).status).toBe(200)
    expect((await put(facilitator, planId, { target: { kind: 'action', id: otherId }, level: 'consult' })).status).toBe(200)
    const ended = await facilitator.request<HuiEndResult>('POST', `/api/plans/${planId}/hui/end`)
    expect(ended.status).toBe(200)

    const exported = await editor.request<{ plan: PlanJson }>('GET', `/api/plans/${planId}/export.json`)
    expect(exported.status).toBe(200)
    expect(exported.body.plan.engagement.map((e) => [e.target.id, e.level])).toEqual([
      [actionId, 'partner'],
      [otherId, 'consult'],
    ])

    const csv = await editor.request<string>('GET', `/api/plans/${planId}/export/actions.csv`)
    expect(csv.status).toBe(200)
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    const header = lines[0]!.split(',')
    const column = header.indexOf('Engagement')
    expect(column).toBeGreaterThan(-1)
    const row = lines.find((line) => line.startsWith('Whakatāne community plan') && line.includes('Wānanga for rangatahi'))!
    expect(row).toContain('Partner / co-design')

    const tracker = async (query: string) => (await editor.request<TrackerResponse>('GET', `/api/tracker?${query}`)).body
    // The derived-tables hook re-derives when the engagement root changes.
    await waitFor(async () => (await tracker(`planId=${planId}&engagement=partner`)).rows.length === 1, {
      message: 'tracker rows carry the level',
    })
    expect((await tracker(`planId=${planId}&engagement=partner`)).rows.map((r) => [r.title, r.engagement])).toEqual([
      ['Wānanga for rangatahi', 'partner'],
    ])
    expect((await tracker(`planId=${planId}&engagement=consult`)).rows.map((r) => r.title)).toEqual(['Kai hub'])
    expect((await tracker(`planId=${planId}&engagement=empower`)).rows).toEqual([])
    expect((await editor.request('GET', `/api/tracker?engagement=sideways`)).status).toBe(400)

    const atEnd = (await editor.request<PlanJson>('GET', `/api/plans/${planId}/snapshots/${ended.body.snapshot.id}`)).body
    const minutes = minutesOf(atEnd, hui.body.huiId!)
    expect(minutes.engagement.map((e) => [e.title, e.level, e.byName])).toEqual([
      ['Wānanga for rangatahi', 'partner', 'Mere Facilitator'],
      ['Kai hub', 'consult', 'Mere Facilitator'],
    ])
    expect(minutes.actions.map((a) => a.engagement)).toEqual(['partner', 'consult'])
  })
})
