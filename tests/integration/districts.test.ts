import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AccessLogPage,
  addFocusArea,
  addMeasure,
  addPriorityAction,
  appendParagraph,
  DistrictList,
  DistrictRollup,
  getFocusArea,
  getPriorityAction,
  parseResponse,
  PlanDistrict,
  RaisedItem,
  type PlanJson,
  type ResponseSchema,
} from '@hononga/shared'
import { ApiClient } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/**
 * District groups (issue 13 §6) through the real server: administration only by the operator's
 * command, 404 for outsiders, sharing only with every partner's consent (paused by a partner who
 * joins later, hidden at once on withdrawal), a roll-up without rich text or comments, filters,
 * raised items and their answers, and 'district.viewed' in each plan's access log.
 */

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  server = await inProcessServer()
})
afterAll(async () => {
  pool.destroyAll()
  await server.close()
})

/** `pnpm admin …` as the operator runs it, against the running server's data folder. */
async function adminCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/src/admin-main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' },
      timeout: 60_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

async function get<T>(api: ApiClient, schema: ResponseSchema<T>, url: string): Promise<T> {
  const response = await api.request('GET', url)
  expect(response.status, `${url}: ${JSON.stringify(response.body)}`).toBe(200)
  const parsed = parseResponse(schema, response.body)
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.value
}

const SECRET_DESCRIPTION = 'Kōrero-tapu-description-7731'
const SECRET_ACTIVITY = 'Kōrero-tapu-activity-7731'
const SECRET_COMMENT = 'Kōrero-tapu-comment-7731'
const SECRET_NOTE = 'Kōrero-tapu-progress-7731'

// Registrations are limited per network: the same people are used by every test.
let cast: Record<'ana' | 'dee' | 'mere' | 'tama' | 'hine' | 'wiremu' | 'stranger', ApiClient> | undefined
let groupId = ''
let groupName = ''

async function people() {
  if (cast) return cast
  const make = (name: string) => new ApiClient(server.url).register(name)
  cast = {
    ana: await make('Ana Admin'),
    dee: await make('Dee District'),
    mere: await make('Mere Facilitator'),
    tama: await make('Tama Editor'),
    hine: await make('Hine Viewer'),
    wiremu: await make('Wiremu Late'),
    stranger: await make('Stranger'),
  }
  expect((await adminCommand('grant', cast.ana.user!.email)).code).toBe(0)
  groupName = `Bay of Plenty district ${Date.now()}`
  const created = await cast.ana.request<{ id: string }>('POST', '/api/admin/districts', { name: groupName })
  expect(created.status).toBe(201)
  groupId = created.body.id
  expect((await cast.ana.request('POST', `/api/admin/districts/${groupId}/members`, { email: cast.dee.user!.email })).status).toBe(201)
  return cast
}

/** A plan with Mere (facilitator, Police), Tama (editor, Ngāti Awa), Hine (viewer, an agency), and content. */
async function scene(title = 'Whakatāne plan') {
  const p = await people()
  const planId = await p.mere.createPlan(title)
  await p.mere.invite(planId, p.tama, 'editor', 'iwi', 'Ngāti Awa')
  await p.mere.invite(planId, p.hine, 'viewer', 'agency', 'Oranga Tamariki')
  const client = await pool.join(p.mere, server.wsUrl, planId)
  const doc = client.doc
  const rangatahi = addFocusArea(doc, { title: 'Rangatahi' })
  appendParagraph(getFocusArea(doc, rangatahi)!.description, SECRET_DESCRIPTION)
  const housing = addFocusArea(doc, { title: 'Housing' })
  const late = addPriorityAction(doc, {
    title: 'Mentoring wānanga',
    focusAreaIds: [rangatahi],
    status: 'in progress',
    dueDate: '2020-01-01',
  })
  appendParagraph(getPriorityAction(doc, late)!.activity, SECRET_ACTIVITY)
  const later = addPriorityAction(doc, { title: 'Warm homes', focusAreaIds: [housing], status: 'agreed', dueDate: '2099-01-01' })
  const measure = addMeasure(doc, late, {
    name: 'Attendance',
    baseline: 0,
    target: 40,
    unit: 'people',
    frequency: 'monthly',
    reporter: 'Tama',
  })
  await waitFor(
    async () => (await p.mere.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.actions[0]?.measures.length === 1,
    { message: 'content stored' },
  )
  const progress = { date: '2025-03-31', values: { [measure]: 12 }, status: 'in progress', note: SECRET_NOTE }
  expect((await p.mere.request('POST', `/api/plans/${planId}/actions/${late}/progress`, progress)).status).toBe(201)
  const comment = { target: { kind: 'action', id: late }, body: SECRET_COMMENT }
  expect((await p.tama.request('POST', `/api/plans/${planId}/comments`, comment)).status).toBe(201)
  return { ...p, planId, late, later, rangatahi }
}

const district = (api: ApiClient, planId: string) => get(api, PlanDistrict, `/api/plans/${planId}/district`)
const rollup = (api: ApiClient, query = '') => get(api, DistrictRollup, `/api/districts/${groupId}/rollup${query}`)
const consent = (api: ApiClient, planId: string, method: 'PUT' | 'DELETE' = 'PUT') =>
  api.request(method, `/api/plans/${planId}/district/consent`)

/** Shares the plan with the group and has every partner consent. */
async function shareFully(s: Awaited<ReturnType<typeof scene>>) {
  expect((await s.mere.request('PUT', `/api/plans/${s.planId}/district`, { groupId })).status).toBe(200)
  for (const api of [s.mere, s.tama, s.hine]) expect((await consent(api, s.planId)).status).toBe(200)
}

describe('district groups', () => {
  it('grants administration only through the operator command', async () => {
    const { ana, stranger } = await people()
    expect(await get(stranger, DistrictList, '/api/districts')).toEqual({ admin: false, groups: [] })
    expect((await stranger.request('POST', '/api/admin/districts', { name: 'Mine' })).status).toBe(404)
    expect((await stranger.request('GET', '/api/admin/districts')).status).toBe(404)
    const listed = await get(ana, DistrictList, '/api/districts')
    expect(listed.admin).toBe(true)
    expect(listed.groups).toContainEqual({ id: groupId, name: groupName, memberCount: 1 })

    const unknown = await adminCommand('grant', 'nobody-here@example.nz')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No account has the email nobody-here@example.nz')
    expect((await adminCommand('list')).stdout).toContain(ana.user!.email)
    expect((await ana.request('POST', `/api/admin/districts/${groupId}/members`, { email: 'nobody-here@example.nz' })).status).toBe(404)

    // Revoked: the admin routes are gone for them at once.
    expect((await adminCommand('grant', stranger.user!.email)).stdout).toContain('Granted')
    expect((await stranger.request('GET', '/api/admin/districts')).status).toBe(200)
    expect((await adminCommand('revoke', stranger.user!.email)).stdout).toContain('Revoked')
    expect((await stranger.request('GET', '/api/admin/districts')).status).toBe(404)
  })

  it('shows a plan to the district only while every partner consents, and never the plan itself', async () => {
    const s = await scene()
    const { ana, dee, mere, tama, hine, wiremu, stranger, planId } = s
    expect((await tama.request('PUT', `/api/plans/${planId}/district`, { groupId })).status).toBe(403)
    expect((await mere.request('PUT', `/api/plans/${planId}/district`, { groupId })).status).toBe(200)
    expect((await consent(mere, planId)).status).toBe(200)
    expect((await consent(tama, planId)).status).toBe(200)
    expect((await district(mere, planId)).inEffect).toBe(false)
    expect((await rollup(dee)).plans.map((p) => p.planId)).not.toContain(planId)

    expect((await consent(hine, planId)).status).toBe(200)
    const shared = await district(hine, planId)
    expect(shared).toMatchObject({ inEffect: true, canConsent: true, callerPartner: 'agency:oranga tamariki' })
    expect(shared.partners.every((p) => p.consent !== null)).toBe(true)
    // The plan holds every one of these; the roll-up none.
    const documentText = JSON.stringify((await mere.request('GET', `/api/plans/${planId}/document`)).body)
    for (const secret of [SECRET_DESCRIPTION, SECRET_ACTIVITY, SECRET_COMMENT, SECRET_NOTE]) expect(documentText).toContain(secret)
    const response = await dee.request('GET', `/api/districts/${groupId}/rollup`)
    const text = JSON.stringify(response.body)
    expect(text).toContain('Mentoring wānanga')
    for (const secret of [SECRET_DESCRIPTION, SECRET_ACTIVITY, SECRET_COMMENT, SECRET_NOTE]) expect(text).not.toContain(secret)
    const plan = (await rollup(dee)).plans.find((p) => p.planId === planId)!
    expect(plan.title).toBe('Whakatāne plan')
    expect(plan.focusAreas.map((f) => f.title)).toEqual(['Rangatahi', 'Housing'])
    expect(plan.actions.find((a) => a.id === s.late)).toMatchObject({
      overdue: true,
      lastProgress: { date: '2025-03-31', status: 'in progress' },
    })
    expect(plan.measures).toEqual([expect.objectContaining({ name: 'Attendance', points: [{ date: '2025-03-31', value: 12 }] })])

    // Outsiders (an administrator too) see nothing; a district member never sees the plan.
    for (const api of [stranger, ana, mere]) expect((await api.request('GET', `/api/districts/${groupId}/rollup`)).status).toBe(404)
    for (const url of [`/api/plans/${planId}`, `/api/plans/${planId}/document`, `/api/plans/${planId}/district`]) {
      expect((await dee.request('GET', url)).status).toBe(404)
    }

    // Each view is in the plan's access log, as the district group.
    const log = await get(mere, AccessLogPage, `/api/plans/${planId}/access-log?kind=district.viewed`)
    expect(log.entries[0]).toMatchObject({
      kind: 'district.viewed',
      person: { id: dee.user!.id },
      partner: { affiliation: 'community', organisation: groupName },
      details: { groupId },
    })

    // A partner joining later pauses the sharing until it consents.
    await mere.invite(planId, wiremu, 'viewer', 'community', 'Whakatāne Youth Trust')
    expect((await rollup(dee)).plans.map((p) => p.planId)).not.toContain(planId)
    expect((await consent(wiremu, planId)).status).toBe(200)
    expect((await rollup(dee)).plans.map((p) => p.planId)).toContain(planId)

    // Withdrawal hides it at the next request.
    expect((await consent(tama, planId, 'DELETE')).status).toBe(200)
    expect((await rollup(dee)).plans.map((p) => p.planId)).not.toContain(planId)
  })

  it('filters the roll-up by status, overdue and focus-area keyword', async () => {
    const s = await scene('Ōpōtiki plan')
    await shareFully(s)
    const only = async (query: string) => (await rollup(s.dee, query)).plans.find((p) => p.planId === s.planId)
    expect((await only('?status=agreed'))!.actions.map((a) => a.id)).toEqual([s.later])
    expect((await only('?overdue=1'))!.actions.map((a) => a.id)).toEqual([s.late])
    const keyword = (await only('?q=rangatahi'))!
    expect(keyword.focusAreas.map((f) => f.id)).toEqual([s.rangatahi])
    expect(keyword.actions.map((a) => a.id)).toEqual([s.late])
    expect(await only('?q=nothing-matches-this')).toBeUndefined()
    expect((await s.dee.request('GET', `/api/districts/${groupId}/rollup?status=nonsense`)).status).toBe(400)

    // What a partner withheld is not in the summary: only that something of theirs was left out.
    const withheld = await s.mere.request('PUT', `/api/plans/${s.planId}/withheld`, { target: { kind: 'action', id: s.later } })
    expect(withheld.status, JSON.stringify(withheld.body)).toBe(200)
    const after = (await only(''))!
    expect(JSON.stringify(after)).not.toContain('Warm homes')
    expect(after.actions.map((a) => a.id)).toEqual([s.late])
    expect(after.withheld).toEqual([{ kind: 'action', partner: 'police:', partnerLabel: expect.stringMatching(/police/i) }])
  })

  it('raises an item with the partners’ consent; the district answers and the plan sees it', async () => {
    const s = await scene('Kawerau plan')
    const { dee, mere, tama, hine, planId } = s
    const body = { target: { kind: 'action', id: s.late }, note: 'We need a youth worker funded' }
    expect((await tama.request('POST', `/api/plans/${planId}/district/raised`, body)).status).toBe(409)
    await shareFully(s)
    expect((await hine.request('POST', `/api/plans/${planId}/district/raised`, body)).status).toBe(403)
    const raised = await tama.request('POST', `/api/plans/${planId}/district/raised`, body)
    expect(raised.status).toBe(201)
    const item = parseResponse(RaisedItem, raised.body)
    if (!item.ok) throw new Error(item.problem)
    const raisedId = item.value.id
    expect(item.value).toMatchObject({ title: 'Mentoring wānanga', status: 'open', raisedByName: 'Tama Editor' })

    const seen = async () => (await rollup(dee)).plans.find((p) => p.planId === planId)!.raised.map((r) => r.id)
    const answer = { answer: 'Funded from July', status: 'answered' }
    expect(await seen()).toEqual([])
    expect((await dee.request('POST', `/api/districts/${groupId}/raised/${raisedId}/answer`, answer)).status).toBe(404)
    for (const api of [mere, tama])
      expect((await api.request('PUT', `/api/plans/${planId}/district/raised/${raisedId}/consent`)).status).toBe(200)
    expect(await seen()).toEqual([])
    expect((await hine.request('PUT', `/api/plans/${planId}/district/raised/${raisedId}/consent`)).status).toBe(200)
    expect(await seen()).toEqual([raisedId])

    const answered = await dee.request<RaisedItem>('POST', `/api/districts/${groupId}/raised/${raisedId}/answer`, answer)
    expect(answered.status).toBe(200)
    const onPlan = (await district(mere, planId)).raised.find((r) => r.id === raisedId)!
    expect(onPlan).toMatchObject({ status: 'answered', answer: 'Funded from July', answeredByName: 'Dee District', inEffect: true })

    const raisedLog = await get(mere, AccessLogPage, `/api/plans/${planId}/access-log?kind=district.raised`)
    expect(raisedLog.entries[0]).toMatchObject({ person: { id: tama.user!.id }, details: { raisedId } })
  })
})
