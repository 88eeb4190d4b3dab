import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addCondition,
  addFocusArea,
  addMeasure,
  addPriorityAction,
  appendParagraph,
  formatDate,
  getFocusArea,
  getPlanRoots,
  getPriorityAction,
  NZ_TIME_ZONE,
  PlanExport,
  removeCondition,
  replaceText,
  type PlanDiff,
  type PlanJson,
  type PlanSummary,
  type SnapshotSummary,
} from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
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

/** A download as a browser gets it: status, headers and the raw bytes. */
async function download(api: ApiClient, path: string) {
  const response = await fetch(server.url + path, { headers: { cookie: api.cookie ?? '', origin: server.url } })
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) }
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)

/** A plan titled with macrons, with content in every step and cells that try formula injection. */
async function populatedPlan() {
  const api = await new ApiClient(server.url).register('Mere Kaiārahi')
  const created = await api.request<PlanSummary>('POST', '/api/plans', {
    title: 'Te Mahere o Whakatāne',
    community: 'Whakatāne',
    district: 'Bay of Plenty',
  })
  const planId = created.body.id
  const client = await pool.join(api, server.wsUrl, planId)
  const doc = client.doc
  const youth = addFocusArea(doc, { title: 'Rangatahi' })
  appendParagraph(getFocusArea(doc, youth)!.description, 'Young people drawn into dealing in Ōpōtiki')
  appendParagraph(getPlanRoots(doc).environment, 'Strong marae, few jobs')
  addCondition(doc, { title: 'Iwi lead, agencies follow' })
  const action = addPriorityAction(doc, {
    title: '=HYPERLINK("http://evil.example","click")',
    focusAreaIds: [youth],
    status: 'in progress',
    lead: '+1 Te Rūnanga o Ngāti Awa',
    partners: ['-2 Health NZ', 'Ōpōtiki College'],
    dueDate: '2025-12-01',
  })
  const view = getPriorityAction(doc, action)!
  appendParagraph(view.activity, 'Wānanga, "noho marae"\nover two lines')
  appendParagraph(view.outcome, '@SUM(A1:A9)')
  const measure = addMeasure(doc, action, {
    name: 'Attendance',
    baseline: 0,
    target: 40,
    unit: 'people',
    frequency: 'monthly',
    reporter: 'Kaiwhakahaere',
  })
  await waitFor(async () => (await api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.actions[0]?.measures.length === 1, {
    message: 'the action and its measure stored',
  })
  // Progress reports are written by the server, in the reporter's name (a command).
  const reported = await api.request('POST', `/api/plans/${planId}/actions/${action}/progress`, {
    date: '2025-03-31',
    values: { [measure]: 12 },
    status: 'in progress',
    note: '=1+1 note',
  })
  expect(reported.status).toBe(201)
  await waitFor(async () => (await api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.actions[0]?.progress.length === 1, {
    message: 'content stored',
  })
  return { api, planId, client }
}

function filenameStar(disposition: string | null): string {
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')
  if (!match) throw new Error(`no filename* in ${disposition}`)
  return decodeURIComponent(match[1]!)
}

describe('exports', () => {
  it('the JSON export is a versioned PlanExport, named with macrons', async () => {
    const { api, planId } = await populatedPlan()
    const file = await download(api, `/api/plans/${planId}/export.json`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const disposition = file.headers.get('content-disposition')
    expect(disposition).toMatch(/^attachment; filename="Te Mahere o Whakatane\.hononga\.json"; /)
    expect(filenameStar(disposition)).toBe('Te Mahere o Whakatāne.hononga.json')
    const exported = PlanExport.parse(JSON.parse(utf8(file.bytes)))
    expect(exported).toMatchObject({ format: 'hononga.plan', version: 1, exportedBy: { id: api.user!.id, name: 'Mere Kaiārahi' } })
    expect(exported.plan.meta.title).toBe('Te Mahere o Whakatāne')
    expect(exported.plan.actions[0]!.partners).toEqual(['-2 Health NZ', 'Ōpōtiki College'])
  })

  it('CSV downloads carry a BOM, keep macrons and neutralise formulas', async () => {
    const { api, planId } = await populatedPlan()
    const actions = await download(api, `/api/plans/${planId}/export/actions.csv`)
    expect(actions.status).toBe(200)
    expect(actions.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(filenameStar(actions.headers.get('content-disposition'))).toBe('Te Mahere o Whakatāne.actions.csv')
    expect([...actions.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = utf8(actions.bytes)
    // Who added the action (issue 13 §1): the facilitator, as Police, today in New Zealand.
    const today = formatDate(Date.now(), { style: 'long', timeZone: NZ_TIME_ZONE })
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFPlan,Community,District,Action,Status,Lead,Partner organisations,Focus areas,Due date,Review date,Activity,Output,Outcome,Impact,Agreed,Changed since agreed,Positions,Last progress,Added by,Engagement',
    )
    expect(text).toContain(
      `Te Mahere o Whakatāne,Whakatāne,Bay of Plenty,"'=HYPERLINK(""http://evil.example"",""click"")",In progress,'+1 Te Rūnanga o Ngāti Awa,'-2 Health NZ; Ōpōtiki College,Rangatahi,1 Dec 2025,,"Wānanga, ""noho marae""\nover two lines",,'@SUM(A1:A9),,,No,,31 Mar 2025: =1+1 note,Police (Mere Kaiārahi) on ${today},\r\n`,
    )

    const monitoring = await download(api, `/api/plans/${planId}/export/monitoring.csv`)
    expect(monitoring.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(filenameStar(monitoring.headers.get('content-disposition'))).toBe('Te Mahere o Whakatāne.monitoring.csv')
    expect(utf8(monitoring.bytes)).toBe(
      '\uFEFFPlan,Action,Measure,Unit,Baseline,Target,Frequency,Who reports,Date,Value,Status reported,Note,Reported by\r\n' +
        `Te Mahere o Whakatāne,"'=HYPERLINK(""http://evil.example"",""click"")",Attendance,people,0,40,Monthly,Kaiwhakahaere,31 Mar 2025,12,In progress,'=1+1 note,Mere Kaiārahi\r\n`,
    )
  })

  it('a non-member gets 404 for every download and the diff; signed out gets 401', async () => {
    const { planId } = await facilitatorWithPlan(server.url)
    const stranger = await new ApiClient(server.url).register('Stranger')
    for (const path of ['export.json', 'export/actions.csv', 'export/monitoring.csv', 'diff?from=whatever']) {
      expect((await stranger.request('GET', `/api/plans/${planId}/${path}`)).status).toBe(404)
      expect((await new ApiClient(server.url).request('GET', `/api/plans/${planId}/${path}`)).status).toBe(401)
    }
  })
})

describe('import', () => {
  it('creates a new plan from an export, with the importer as its facilitator', async () => {
    const { api, planId } = await populatedPlan()
    const exported = PlanExport.parse(JSON.parse(utf8((await download(api, `/api/plans/${planId}/export.json`)).bytes)))
    const other = await new ApiClient(server.url).register('Hēmi Template')
    const imported = await other.request<PlanSummary>('POST', '/api/plans/import', exported)
    expect(imported.status).toBe(201)
    expect(imported.body).toMatchObject({
      title: 'Te Mahere o Whakatāne (from template)',
      community: 'Whakatāne',
      district: 'Bay of Plenty',
      role: 'facilitator',
      memberCount: 1,
    })
    expect(imported.body.id).not.toBe(planId)

    const plan = (await other.request<PlanJson>('GET', `/api/plans/${imported.body.id}/document`)).body
    expect(plan.meta.title).toBe('Te Mahere o Whakatāne (from template)')
    expect(plan.focusAreas.map((f) => [f.title, f.description])).toEqual(exported.plan.focusAreas.map((f) => [f.title, f.description]))
    expect(plan.environment).toEqual(exported.plan.environment)
    expect(plan.conditions.map((c) => c.title)).toEqual(['Iwi lead, agencies follow'])
    const [action] = plan.actions
    expect(action).toMatchObject({
      title: exported.plan.actions[0]!.title,
      status: 'proposed',
      progress: [],
      leadUserId: null,
      partners: ['-2 Health NZ', 'Ōpōtiki College'],
    })
    expect(action!.focusAreaIds).toEqual([plan.focusAreas[0]!.id])
    expect(action!.measures.map((m) => m.name)).toEqual(['Attendance'])

    const audit = await other.request<{ event: string; details: Record<string, unknown> }[]>('GET', `/api/plans/${imported.body.id}/audit`)
    expect(audit.body[0]).toMatchObject({ event: 'plan.created', details: { importedFrom: { title: 'Te Mahere o Whakatāne' } } })
    // The original is untouched and still private.
    expect((await other.request('GET', `/api/plans/${planId}`)).status).toBe(404)
  })

  it('accepts a file larger than the API’s usual 1 MiB limit, up to 5 MiB', async () => {
    const { api, planId } = await populatedPlan()
    const exported = PlanExport.parse(JSON.parse(utf8((await download(api, `/api/plans/${planId}/export.json`)).bytes)))
    // Spread over focus areas: one rich-text field holds at most PLAN_LIMITS.maxTextChars.
    const long = 'Kōrero mō te rohe. '.repeat(5_000) // 95,000 characters
    const focusAreas = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        id: `f${i}`,
        title: `Focus ${i}`,
        description: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: long }] }] },
      }))
    exported.plan.focusAreas = focusAreas(20) // about 2 MiB as JSON
    const imported = await api.request<PlanSummary>('POST', '/api/plans/import', exported)
    expect(imported.status).toBe(201)
    exported.plan.focusAreas = focusAreas(60)
    const tooLarge = await api.request('POST', '/api/plans/import', exported)
    expect(tooLarge.status).toBe(413)
  })

  it('refuses garbage with 400 and creates nothing; signed out is 401', async () => {
    const api = await new ApiClient(server.url).register('Importer')
    const garbage = await api.request<{ error: { code: string } }>('POST', '/api/plans/import', {
      format: 'hononga.plan',
      version: 1,
      plan: { meta: 'x' },
    })
    expect(garbage.status).toBe(400)
    expect(garbage.body.error.code).toBe('validation_failed')
    const notJson = await api.request<{ error: { code: string } }>('POST', '/api/plans/import', 'not json at all')
    expect(notJson.status).toBe(400)
    expect(notJson.body.error.code).toBe('invalid_json')
    // More items than any plan holds (filling them would stall the server): refused up front.
    const source = await populatedPlan()
    const exported = PlanExport.parse(JSON.parse(utf8((await download(source.api, `/api/plans/${source.planId}/export.json`)).bytes)))
    exported.plan.focusAreas = Array.from({ length: 501 }, (_, i) => ({
      id: `f${i}`,
      title: `Focus ${i}`,
      description: { type: 'doc', content: [] },
    }))
    const tooMany = await api.request<{ error: { code: string; message: string } }>('POST', '/api/plans/import', exported)
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('plan.focusAreas') })
    expect((await api.request<unknown[]>('GET', '/api/plans')).body).toEqual([])
    expect((await new ApiClient(server.url).request('POST', '/api/plans/import', {})).status).toBe(401)
  })
})

describe('diff between snapshots', () => {
  it('lists added, removed and changed items with word parts', async () => {
    const { api, planId, client } = await populatedPlan()
    const doc = client.doc
    const snapshot = async (label: string) => (await api.request<SnapshotSummary>('POST', `/api/plans/${planId}/snapshots`, { label })).body
    const first = await snapshot('Agreed at hui, 12 March')

    const before = (await api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body
    const focusId = before.focusAreas[0]!.id
    replaceText(getFocusArea(doc, focusId as never)!.title, 'Rangatahi ora')
    removeCondition(doc, before.conditions[0]!.id as never)
    const added = addFocusArea(doc, { title: 'Whānau wellbeing' })
    await waitFor(async () => (await api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.focusAreas.length === 2, {
      message: 'edits stored',
    })
    const second = await snapshot('After the hui')

    const diff = await api.request<PlanDiff>('GET', `/api/plans/${planId}/diff?from=${first.id}&to=${second.id}`)
    expect(diff.status).toBe(200)
    expect(diff.body.from).toEqual({ snapshotId: first.id, label: 'Agreed at hui, 12 March', at: first.createdAt })
    expect(diff.body.to).toEqual({ snapshotId: second.id, label: 'After the hui', at: second.createdAt })
    expect(diff.body.unchanged).toBe(false)
    expect(diff.body.sections.map((s) => s.section)).toEqual(['focusAreas', 'conditions', 'actions'])
    const focus = diff.body.sections.find((s) => s.section === 'focusAreas')!.items
    expect(focus).toEqual([
      {
        id: focusId,
        title: 'Rangatahi ora',
        change: 'changed',
        fields: [
          {
            field: 'title',
            before: 'Rangatahi',
            after: 'Rangatahi ora',
            parts: [
              { kind: 'same', text: 'Rangatahi' },
              { kind: 'added', text: ' ora' },
            ],
          },
        ],
      },
      {
        id: added,
        title: 'Whānau wellbeing',
        change: 'added',
        fields: [{ field: 'title', before: '', after: 'Whānau wellbeing', parts: [{ kind: 'added', text: 'Whānau wellbeing' }] }],
      },
    ])
    expect(diff.body.sections.find((s) => s.section === 'conditions')!.items).toMatchObject([
      { change: 'removed', title: 'Iwi lead, agencies follow' },
    ])
    // The action's focus area was renamed: its link reads differently.
    expect(diff.body.sections.find((s) => s.section === 'actions')!.items[0]!.fields).toMatchObject([
      { field: 'focusAreas', before: 'Rangatahi', after: 'Rangatahi ora' },
    ])

    // Without `to`: against the plan now.
    const now = await api.request<PlanDiff>('GET', `/api/plans/${planId}/diff?from=${second.id}`)
    expect(now.body).toMatchObject({ to: { snapshotId: null, label: 'Now' }, sections: [], unchanged: true })

    expect((await api.request('GET', `/api/plans/${planId}/diff?from=nope-nope-nope`)).status).toBe(404)
    expect((await api.request('GET', `/api/plans/${planId}/diff?from=${first.id}&to=nope-nope-nope`)).status).toBe(404)
    expect((await api.request('GET', `/api/plans/${planId}/diff`)).status).toBe(400)
  })
})
