import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addPriorityAction,
  initPlanDoc,
  setActionReviewDate,
  setActionStatus,
  setPlanReviewDate,
  toPlanExport,
  toPlanJson,
  type ActionId,
  type PlanSummary,
  type TrackerQuery,
  type TrackerResponse,
  type TrackerRow,
} from '@hononga/shared'
import { ApiClient } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool, type PlanClient } from './support/yclient'

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  // One test imports 21 plans in a row: more than a person's default import and plan quotas.
  server = await inProcessServer({ QUOTA_IMPORTS_PER_HOUR: '0', QUOTA_PLANS_PER_HOUR: '0' })
})
afterAll(async () => {
  pool.destroyAll()
  await server.close()
})

async function tracker(api: ApiClient, query: TrackerQuery = {}): Promise<TrackerResponse> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))
  const response = await api.request<TrackerResponse>('GET', `/api/tracker?${params}`)
  if (response.status !== 200) throw new Error(`tracker: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body
}
const titles = (response: TrackerResponse) => response.rows.map((row) => row.title)

async function createPlan(api: ApiClient, body: Record<string, string>): Promise<string> {
  const response = await api.request<PlanSummary>('POST', '/api/plans', body)
  if (response.status !== 201) throw new Error(`create plan: ${response.status}`)
  return response.body.id
}

/**
 * Two plans in two districts. Mere (iwi, Ngāti Awa) facilitates both; Sam (agency, MSD) is an
 * editor of the first only; a stranger has a plan of their own.
 */
describe('the action tracker', () => {
  let mere: ApiClient
  let sam: ApiClient
  let stranger: ApiClient
  let whakatane: string
  let tairawhiti: string
  let strangersPlan: string
  let whakataneDoc: PlanClient
  let tairawhitiDoc: PlanClient
  const ids: Record<string, ActionId> = {}

  beforeAll(async () => {
    mere = await new ApiClient(server.url).register('Mere Kaiārahi')
    sam = await new ApiClient(server.url).register('Sam Agency')
    stranger = await new ApiClient(server.url).register('Stranger')
    whakatane = await createPlan(mere, {
      title: 'Te Mahere o Whakatāne',
      community: 'Whakatāne',
      district: 'Bay of Plenty',
      affiliation: 'iwi',
      organisation: 'Ngāti Awa',
    })
    tairawhiti = await createPlan(mere, {
      title: 'Tairāwhiti plan',
      community: 'Gisborne',
      district: 'Eastern',
      affiliation: 'iwi',
      organisation: 'Ngāti Porou',
    })
    strangersPlan = await createPlan(stranger, { title: 'Someone else’s plan', community: 'Ōtautahi', district: 'Canterbury' })
    await mere.invite(whakatane, sam, 'editor', 'agency', 'MSD')

    whakataneDoc = await pool.join(mere, server.wsUrl, whakatane)
    const doc = whakataneDoc.doc
    ids.mine = addPriorityAction(doc, {
      title: 'Wānanga for rangatahi',
      lead: 'Mere',
      leadUserId: mere.user!.id,
      status: 'in progress',
      dueDate: '2099-03-01',
    })
    ids.samLeads = addPriorityAction(doc, {
      title: 'Employment pathways',
      lead: 'msd',
      leadUserId: sam.user!.id,
      status: 'agreed',
      dueDate: '2099-01-01',
    })
    ids.overdue = addPriorityAction(doc, {
      title: 'Addiction treatment places',
      lead: 'Health NZ',
      partners: ['MSD', 'Ngāti Awa'],
      status: 'at risk',
      dueDate: '2020-06-30',
    })
    ids.proposed = addPriorityAction(doc, { title: 'Only proposed so far', status: 'proposed', partners: ['ngati awa'] })
    ids.doneLate = addPriorityAction(doc, { title: 'Peer support launched', status: 'done', dueDate: '2020-01-01' })
    ids.reviewDue = addPriorityAction(doc, { title: 'Coordination hub', status: 'agreed', dueDate: '2099-12-31' })
    setActionReviewDate(doc, ids.reviewDue, '2020-02-01')

    tairawhitiDoc = await pool.join(mere, server.wsUrl, tairawhiti)
    ids.eastern = addPriorityAction(tairawhitiDoc.doc, {
      title: 'Tikanga-based programme',
      lead: 'Te Rūnanga o Ngāti Porou',
      partners: ['Ngati Porou'],
      status: 'agreed',
      dueDate: '2099-06-01',
    })
    setPlanReviewDate(tairawhitiDoc.doc, '2020-03-01')

    const strangerDoc = await pool.join(stranger, server.wsUrl, strangersPlan)
    addPriorityAction(strangerDoc.doc, {
      title: 'Not yours',
      lead: 'Mere',
      leadUserId: mere.user!.id,
      status: 'agreed',
      partners: ['MSD', 'Ngāti Awa'],
    })

    // The engine derives the rows at most 2 s after an edit.
    await waitFor(async () => (await tracker(mere, { all: '1' })).rows.length === 7, { message: 'Mere’s seven actions tracked' })
    await waitFor(async () => (await tracker(stranger)).rows.length === 1, { message: 'the stranger’s action tracked' })
  })

  it('lists agreed work across my plans, reviews due first, then by due date', async () => {
    const response = await tracker(mere)
    expect(response.today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(titles(response)).toEqual([
      'Coordination hub', // its own review date, 2020-02-01
      'Tikanga-based programme', // the plan's review date, 2020-03-01
      'Peer support launched',
      'Addiction treatment places',
      'Employment pathways',
      'Wānanga for rangatahi',
    ])
    const [hub, eastern] = response.rows as [TrackerRow, TrackerRow]
    expect(hub).toMatchObject({
      reviewDue: true,
      reviewDate: '2020-02-01',
      planId: whakatane,
      planTitle: 'Te Mahere o Whakatāne',
      district: 'Bay of Plenty',
    })
    expect(eastern).toMatchObject({
      reviewDue: true,
      reviewDate: '2020-03-01',
      planId: tairawhiti,
      community: 'Gisborne',
      lead: 'Te Rūnanga o Ngāti Porou',
    })
    expect(response.rows.find((r) => r.title === 'Addiction treatment places')).toMatchObject({
      overdue: true,
      reviewDue: false,
      status: 'at risk',
      partners: ['MSD', 'Ngāti Awa'],
      agreed: false,
      changedSinceAgreed: false,
      lastProgress: null,
    })
    expect(response.rows.find((r) => r.title === 'Peer support launched')!.overdue).toBe(false)
    expect(titles(await tracker(mere, { all: 'true' }))).toContain('Only proposed so far')
    // The default view says what it left out, so nobody thinks an unagreed action was lost.
    expect(response.notYetAgreed).toBe(1)
    expect((await tracker(mere, { all: '1' })).notYetAgreed).toBe(0)
    expect((await tracker(mere, { planId: tairawhiti })).notYetAgreed).toBe(0)
  })

  it('filters: mine, my organisation, overdue, at risk, plan, district', async () => {
    expect(titles(await tracker(mere, { mine: '1' }))).toEqual(['Wānanga for rangatahi'])
    expect(titles(await tracker(sam, { mine: '1' }))).toEqual(['Employment pathways'])
    // Sam speaks for MSD: lead "msd" and partner "MSD" both count.
    expect(titles(await tracker(sam, { organisation: '1' }))).toEqual(['Addiction treatment places', 'Employment pathways'])
    // Mere speaks for Ngāti Awa and Ngāti Porou, in any spelling of their names; she leads
    // "Wānanga for rangatahi" as a member of Ngāti Awa, so her organisation leads it too.
    expect(titles(await tracker(mere, { organisation: '1', all: '1' }))).toEqual([
      'Tikanga-based programme',
      'Addiction treatment places',
      'Wānanga for rangatahi',
      'Only proposed so far',
    ])
    expect(titles(await tracker(mere, { overdue: '1' }))).toEqual(['Addiction treatment places'])
    expect(titles(await tracker(mere, { atRisk: '1' }))).toEqual(['Addiction treatment places'])
    expect(titles(await tracker(mere, { planId: tairawhiti }))).toEqual(['Tikanga-based programme'])
    expect(titles(await tracker(mere, { district: 'bay of plenty', sort: 'status' }))).toEqual([
      'Coordination hub',
      'Addiction treatment places',
      'Wānanga for rangatahi',
      'Employment pathways',
      'Peer support launched',
    ])
    expect((await mere.request('GET', '/api/tracker?sort=sideways')).status).toBe(400)
  })

  it('never shows a plan I am not a member of', async () => {
    for (const query of [
      {},
      { all: '1' },
      { mine: '1' },
      { organisation: '1', all: '1' },
      { planId: strangersPlan, all: '1' },
    ] as TrackerQuery[]) {
      const response = await tracker(mere, query)
      expect(response.rows.map((r) => r.planId)).not.toContain(strangersPlan)
    }
    // Sam belongs to the Whakatāne plan only.
    expect(new Set((await tracker(sam, { all: '1' })).rows.map((r) => r.planId))).toEqual(new Set([whakatane]))
    expect(titles(await tracker(stranger))).toEqual(['Not yours'])
    expect((await new ApiClient(server.url).request('GET', '/api/tracker')).status).toBe(401)
  })

  it('shows changes made over the socket', async () => {
    setActionStatus(whakataneDoc.doc, ids.proposed!, 'agreed')
    await waitFor(async () => titles(await tracker(mere)).includes('Only proposed so far'), { message: 'newly agreed action listed' })
    setActionStatus(tairawhitiDoc.doc, ids.eastern!, 'at risk')
    await waitFor(async () => titles(await tracker(mere, { atRisk: '1' })).includes('Tikanga-based programme'), {
      message: 'at-risk status tracked',
    })
    // A progress report that says "at risk" puts the action among those at risk, whatever its status.
    const reported = await mere.request('POST', `/api/plans/${whakatane}/actions/${ids.mine}/progress`, {
      date: '2026-01-15',
      values: {},
      status: 'at risk',
      note: 'Venue lost',
    })
    expect(reported.status).toBe(201)
    await waitFor(async () => titles(await tracker(mere, { atRisk: '1' })).includes('Wānanga for rangatahi'), {
      message: 'at-risk report tracked',
    })
    expect((await tracker(mere, { atRisk: '1' })).rows.find((row) => row.title === 'Wānanga for rangatahi')?.status).toBe('in progress')
  })

  it('derives a plan nobody has opened since it changed before answering, at most 20 plans a request', async () => {
    const facilitator = await new ApiClient(server.url).register('Template user')
    const source = new Y.Doc()
    initPlanDoc(source, { title: 'Template', community: 'Ōpōtiki' })
    addPriorityAction(source, { title: 'Imported action', dueDate: '2099-01-01' })
    const file = toPlanExport(toPlanJson(source), null, Date.now())
    for (let i = 0; i < 21; i++) {
      const imported = await facilitator.request('POST', '/api/plans/import', file)
      expect(imported.status).toBe(201)
    }
    // Nothing has opened these plans: their rows are derived on request, 20 at a time.
    expect((await tracker(facilitator, { all: '1' })).rows).toHaveLength(20)
    expect((await tracker(facilitator, { all: '1' })).rows).toHaveLength(21)
  })
})
