import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AccessLogPage,
  addFocusArea,
  addPriorityAction,
  parseResponse,
  PlanExport,
  PrintablePlan,
  SnapshotExport,
  TemplateFile,
  type AccessEntry,
  type PlanJson,
  type PlanSummary,
  type SnapshotSummary,
} from '@hononga/shared'
import { ApiClient } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/**
 * Printouts and files through the server (issue 13 §2, §3): the printable plan, a snapshot and
 * a hui's minutes to download, and the template file are each recorded in the access log (who,
 * for which partner) before they are handed over, leave out what a partner withheld (saying so),
 * and are for members only; an import made from this plan's file is recorded in this plan's log.
 */

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  server = await inProcessServer()
})
afterAll(async () => {
  pool.destroyAll()
  await server.close()
})

let people: { mere: ApiClient; tama: ApiClient; hine: ApiClient; stranger: ApiClient } | undefined

/**
 * A plan with Mere (facilitator, Police), Tama (editor for Ngāti Awa, who withholds one action)
 * and Hine (viewer for an agency); one action shared, one withheld.
 */
async function scene() {
  people ??= {
    mere: await new ApiClient(server.url).register('Mere Facilitator'),
    tama: await new ApiClient(server.url).register('Tama Editor'),
    hine: await new ApiClient(server.url).register('Hine Viewer'),
    stranger: await new ApiClient(server.url).register('Stranger'),
  }
  const { mere, tama, hine } = people
  const planId = await mere.createPlan()
  await mere.invite(planId, tama, 'editor', 'iwi', 'Ngāti Awa')
  await mere.invite(planId, hine, 'viewer', 'agency', 'Oranga Tamariki')
  const { doc } = await pool.join(mere, server.wsUrl, planId)
  const focus = addFocusArea(doc, { title: 'Rangatahi' })
  const shared = addPriorityAction(doc, { title: 'Wānanga at the marae', focusAreaIds: [focus] })
  // Tama's own contribution: only the partner that contributed an item may withhold it.
  const withheld = addPriorityAction((await pool.join(tama, server.wsUrl, planId)).doc, { title: 'Kaumātua knowledge of the awa' })
  await waitFor(async () => (await mere.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.actions.length === 2, {
    message: 'the actions stored',
  })
  const marked = await tama.request('PUT', `/api/plans/${planId}/withheld`, { target: { kind: 'action', id: withheld } })
  expect(marked.status, JSON.stringify(marked.body)).toBe(200)
  return { ...people, planId, shared, withheld }
}

async function log(api: ApiClient, planId: string): Promise<AccessEntry[]> {
  const response = await api.request('GET', `/api/plans/${planId}/access-log?limit=200`)
  expect(response.status).toBe(200)
  const page = parseResponse(AccessLogPage, response.body)
  if (!page.ok) throw new Error(page.problem)
  return page.value.entries
}

const theirs = (entries: AccessEntry[], api: ApiClient) => entries.filter((entry) => entry.person?.id === api.user!.id)

const NOTICE = { target: { kind: 'action' }, title: null, partnerLabel: 'Ngāti Awa' }

describe('printouts through the server', () => {
  it('records each printout and file with who and partner, and leaves out what a partner withheld', async () => {
    const { mere, hine, planId, shared, withheld } = await scene()
    const snapshot = await mere.request<SnapshotSummary>('POST', `/api/plans/${planId}/snapshots`, { label: 'Hui, 12 March' })
    expect(snapshot.status).toBe(201)
    const sid = snapshot.body.id

    const printed = await hine.request('GET', `/api/plans/${planId}/printable`)
    expect(printed.status).toBe(200)
    const printable = PrintablePlan.parse(printed.body)
    expect(printable.plan.actions.map((a) => a.id)).toEqual([shared])
    expect(printable.withheld).toEqual([{ ...NOTICE, target: { kind: 'action', id: withheld }, partner: expect.any(String) }])
    expect(JSON.stringify(printable)).not.toContain('Kaumātua knowledge')

    for (const purpose of ['snapshot', 'minutes'] as const) {
      const response = await hine.request('GET', `/api/plans/${planId}/snapshots/${sid}/export?purpose=${purpose}`)
      expect(response.status).toBe(200)
      const exported = SnapshotExport.parse(response.body)
      expect(exported.snapshot).toMatchObject({ id: sid, label: 'Hui, 12 March' })
      // Withheld after the snapshot was taken: still withheld from it.
      expect(exported.plan.actions.map((a) => a.id)).toEqual([shared])
      expect(exported.withheld).toMatchObject([NOTICE])
      expect(JSON.stringify(exported)).not.toContain('Kaumātua knowledge')
    }

    const template = await hine.request('GET', `/api/plans/${planId}/export/template`)
    expect(template.status).toBe(200)
    const file = TemplateFile.parse(template.body)
    expect(file.source).toEqual({ planId })
    expect(file.withheld).toMatchObject([NOTICE])
    expect(file.plan.actions.map((a) => [a.id, a.status, a.progress])).toEqual([[shared, 'proposed', []]])
    expect(file.plan.agreements).toEqual([])
    expect(JSON.stringify(file)).not.toContain('Kaumātua knowledge')
    // The template is a plan export: "Start from a template" takes it as it is.
    expect(PlanExport.safeParse(template.body).success).toBe(true)

    const entries = theirs(await log(mere, planId), hine)
    expect(entries.map((e) => e.kind)).toEqual(['export.template', 'export.minutes', 'export.snapshot', 'plan.printed'])
    for (const entry of entries) {
      expect(entry.person).toEqual({ id: hine.user!.id, name: 'Hine Viewer' })
      expect(entry.partner).toEqual({ affiliation: 'agency', organisation: 'Oranga Tamariki' })
    }
    // Each says how many items were left out (no release here: none is named).
    const left = { withheld: 1 }
    const ofSnapshot = { snapshotId: sid, label: 'Hui, 12 March', ...left }
    expect(entries.map((e) => e.details)).toEqual([left, ofSnapshot, ofSnapshot, left])

    // Members of the plan still see the withheld action in the workspace.
    const document = await hine.request<PlanJson>('GET', `/api/plans/${planId}/document`)
    expect(document.body.actions.map((a) => a.id)).toEqual([shared, withheld])
  })

  it('lets the withheld item out under a release its partner approved, for the person who asked', async () => {
    const { tama, hine, planId, shared, withheld } = await scene()
    const asked = await hine.request<{ id: string }>('POST', `/api/plans/${planId}/releases`, {
      items: [{ kind: 'action', id: withheld }],
      audience: 'Oranga Tamariki regional office',
      reason: 'To plan the wānanga together',
    })
    expect(asked.status, JSON.stringify(asked.body)).toBe(201)
    const releaseId = asked.body.id
    // Not yet approved: still withheld.
    const before = PrintablePlan.parse((await hine.request('GET', `/api/plans/${planId}/printable?release=${releaseId}`)).body)
    expect(before.plan.actions.map((a) => a.id)).toEqual([shared])
    const decided = await tama.request('POST', `/api/plans/${planId}/releases/${releaseId}/decision`, { decision: 'approved' })
    expect(decided.status, JSON.stringify(decided.body)).toBe(200)

    const printed = PrintablePlan.parse((await hine.request('GET', `/api/plans/${planId}/printable?release=${releaseId}`)).body)
    expect(printed.plan.actions.map((a) => a.id)).toEqual([shared, withheld])
    expect(printed.withheld).toEqual([])
    const template = TemplateFile.parse((await hine.request('GET', `/api/plans/${planId}/export/template?release=${releaseId}`)).body)
    expect(template.plan.actions.map((a) => a.id)).toEqual([shared, withheld])
    // Without the release, the next printout leaves it out again.
    const plain = PrintablePlan.parse((await hine.request('GET', `/api/plans/${planId}/printable`)).body)
    expect(plain.plan.actions.map((a) => a.id)).toEqual([shared])
    expect((await hine.request('GET', `/api/plans/${planId}/printable?release=nosuchrelease`)).status).toBe(404)
  })

  it('answers 404 to non-members and for a snapshot the plan does not have, recording nothing', async () => {
    const { mere, stranger, hine, planId } = await scene()
    const snapshot = await mere.request<SnapshotSummary>('POST', `/api/plans/${planId}/snapshots`, { label: 'Before' })
    const paths = [
      `/api/plans/${planId}/printable`,
      `/api/plans/${planId}/snapshots/${snapshot.body.id}/export?purpose=snapshot`,
      `/api/plans/${planId}/snapshots/${snapshot.body.id}/export?purpose=minutes`,
      `/api/plans/${planId}/export/template`,
    ]
    for (const path of paths) {
      const response = await stranger.request<{ error: { code: string } }>('GET', path)
      expect(response.status, path).toBe(404)
      expect(response.body.error.code).toBe('not_found')
    }
    expect((await hine.request('GET', `/api/plans/${planId}/snapshots/nosuchsnapshot/export`)).status).toBe(404)
    expect((await hine.request('GET', `/api/plans/${planId}/snapshots/${snapshot.body.id}/export?purpose=other`)).status).toBe(400)
    const entries = await log(mere, planId)
    expect(theirs(entries, stranger)).toEqual([])
    expect(theirs(entries, hine).filter((e) => e.kind.startsWith('export.'))).toEqual([])
  })

  it("records an import made from this plan's file in this plan's log, when the importer is a member", async () => {
    const { mere, hine, stranger, planId } = await scene()
    const exported = await hine.request('GET', `/api/plans/${planId}/export.json`)
    expect(exported.status).toBe(200)
    const file = PlanExport.parse(exported.body)
    expect(file.source).toEqual({ planId })

    const imported = await hine.request<PlanSummary>('POST', '/api/plans/import', file)
    expect(imported.status).toBe(201)
    const template = (await hine.request('GET', `/api/plans/${planId}/export/template`)).body
    const fromTemplate = await hine.request<PlanSummary>('POST', '/api/plans/import', template)
    expect(fromTemplate.status).toBe(201)
    // Not a member of the source plan: nothing in its log (and the file's claim teaches them nothing).
    expect((await stranger.request('POST', '/api/plans/import', file)).status).toBe(201)
    // A file made before `source` existed imports as before.
    const { source: _source, ...older } = file
    expect((await hine.request('POST', '/api/plans/import', older)).status).toBe(201)

    const entries = await log(mere, planId)
    const imports = entries.filter((e) => e.kind === 'plan.imported')
    expect(imports.map((e) => [e.person?.id, e.partner, e.details])).toEqual([
      [hine.user!.id, { affiliation: 'agency', organisation: 'Oranga Tamariki' }, { planId: fromTemplate.body.id }],
      [hine.user!.id, { affiliation: 'agency', organisation: 'Oranga Tamariki' }, { planId: imported.body.id }],
    ])
    expect(theirs(entries, stranger)).toEqual([])
  })
})
