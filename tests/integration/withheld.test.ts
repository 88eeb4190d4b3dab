import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  AccessLogPage,
  addMeasure,
  addPriorityAction,
  getPriorityAction,
  originOf,
  parseResponse,
  replaceText,
  withheldMarkOf,
  type AccessEntry,
  type PlanJson,
  type ReleaseRequest,
  type WithheldResult,
} from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/**
 * Partners decide what leaves the plan (issue 13 §3) through the real server: who may mark an
 * item withheld and withdraw the mark, the release flow, what the exports leave out and say,
 * an approval lapsing when the item changes, and the access log.
 */

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  server = await inProcessServer({ QUOTA_PLANS_PER_HOUR: '0', QUOTA_SNAPSHOTS_PER_HOUR: '0' })
})
afterEach(() => pool.destroyAll())
afterAll(async () => {
  await server.close()
})

const SECRET = 'Kōrero from kaumātua about the awa'

/**
 * A plan with a Police facilitator (Mere), a Ngāti Awa editor (Tama) who adds an action with a
 * measure, an Oranga Tamariki viewer (Hine) and an MSD editor (Rawiri), all speaking for their partner.
 */
async function plan() {
  const { api: mere, planId } = await facilitatorWithPlan(server.url)
  const tama = await new ApiClient(server.url).register('Tama')
  const hine = await new ApiClient(server.url).register('Hine')
  const rawiri = await new ApiClient(server.url).register('Rawiri')
  await mere.invite(planId, tama, 'editor', 'iwi', 'Ngāti Awa')
  await mere.invite(planId, hine, 'viewer', 'agency', 'Oranga Tamariki')
  await mere.invite(planId, rawiri, 'editor', 'agency', 'Ministry of Social Development')
  const client = await pool.join(tama, server.wsUrl, planId)
  const actionId = addPriorityAction(client.doc, { title: SECRET, lead: 'Tama' })
  addMeasure(client.doc, actionId, { name: 'Wānanga held' })
  addPriorityAction(client.doc, { title: 'Weekly community patrol' })
  await waitFor(() => originOf(client.doc, 'action', actionId) !== null, { message: 'the server attributes the action to Ngāti Awa' })
  const target = { kind: 'action' as const, id: actionId }
  return { planId, mere, tama, hine, rawiri, client, actionId, target }
}

const mark = (api: ApiClient, planId: string, target: unknown) =>
  api.request<WithheldResult>('PUT', `/api/plans/${planId}/withheld`, { target })
const unmark = (api: ApiClient, planId: string, id: string) => api.request('DELETE', `/api/plans/${planId}/withheld/action/${id}`)
const ask = (api: ApiClient, planId: string, body: unknown) => api.request<ReleaseRequest>('POST', `/api/plans/${planId}/releases`, body)
const decide = (api: ApiClient, planId: string, id: string, decision: string) =>
  api.request<ReleaseRequest>('POST', `/api/plans/${planId}/releases/${id}/decision`, { decision })
const csv = async (api: ApiClient, planId: string, file: 'actions' | 'monitoring', release?: string) => {
  const response = await api.request<string>('GET', `/api/plans/${planId}/export/${file}.csv${release ? `?release=${release}` : ''}`)
  return { status: response.status, text: String(response.body) }
}
const json = (api: ApiClient, planId: string, release?: string) =>
  api.request<{ plan: PlanJson; withheld: unknown[] }>('GET', `/api/plans/${planId}/export.json${release ? `?release=${release}` : ''}`)

async function accessLog(api: ApiClient, planId: string): Promise<AccessEntry[]> {
  const parsed = parseResponse(AccessLogPage, (await api.request('GET', `/api/plans/${planId}/access-log`)).body)
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.value.entries
}

describe('withheld items', () => {
  it('only the contributing partner marks an item; only the owning partner withdraws the mark; non-members get 404', async () => {
    const { planId, mere, tama, hine, client, actionId, target } = await plan()
    expect((await mark(hine, planId, target)).status).toBe(403)
    expect((await mark(mere, planId, target)).status).toBe(403)
    const outsider = await new ApiClient(server.url).register('Outsider')
    expect((await mark(outsider, planId, target)).status).toBe(404)
    expect((await mark(tama, planId, { kind: 'action', id: 'nosuchitem00001' })).status).toBe(404)
    expect((await mark(tama, planId, { kind: 'sideways', id: actionId })).status).toBe(400)

    const marked = await mark(tama, planId, target)
    expect(marked.status).toBe(200)
    expect(marked.body.mark).toMatchObject({ partner: 'iwi:ngāti awa', organisation: 'Ngāti Awa', name: 'Tama', userId: tama.user!.id })
    await waitFor(() => withheldMarkOf(client.doc, target)?.partner === 'iwi:ngāti awa', { message: 'the mark arrives live' })
    // Marking again is harmless; the monitoring of the same action is the contributor's to mark too.
    expect((await mark(tama, planId, target)).status).toBe(200)
    expect((await mark(hine, planId, { kind: 'monitoring', id: actionId })).status).toBe(403)

    expect((await unmark(hine, planId, actionId)).status).toBe(403)
    expect((await unmark(mere, planId, actionId)).status).toBe(403)
    expect((await unmark(outsider, planId, actionId)).status).toBe(404)
    expect(withheldMarkOf(client.doc, target)).not.toBeNull()
    expect((await unmark(tama, planId, actionId)).status).toBe(204)
    await waitFor(() => withheldMarkOf(client.doc, target) === null, { message: 'the mark is withdrawn live' })
  })

  it('exports leave a withheld item out and say so until its partner approves a release; an approval lapses when it changes', async () => {
    const { planId, mere, tama, hine, rawiri, client, actionId, target } = await plan()
    expect((await mark(tama, planId, target)).status).toBe(200)

    // Withheld: absent from every export, which says by whom.
    for (const file of ['actions', 'monitoring'] as const) {
      const out = await csv(rawiri, planId, file)
      expect(out.status).toBe(200)
      expect(out.text).not.toContain(SECRET)
      expect(out.text).toContain('Withheld by Ngāti Awa: 1 action')
    }
    expect((await csv(rawiri, planId, 'monitoring')).text).not.toContain('Wānanga held')
    const withheldJson = await json(rawiri, planId)
    expect(withheldJson.status).toBe(200)
    expect(JSON.stringify(withheldJson.body)).not.toContain(SECRET)
    expect(withheldJson.body.withheld).toEqual([{ target, title: null, partner: 'iwi:ngāti awa', partnerLabel: 'Ngāti Awa' }])
    expect(withheldJson.body.plan.actions.map((a) => a.title)).toEqual(['Weekly community patrol'])

    // Asking: only withheld items, any member; non-members 404.
    const outsider = await new ApiClient(server.url).register('Outsider')
    const body = { items: [target], audience: 'District tasking and coordination', reason: 'Quarterly report' }
    expect((await ask(outsider, planId, body)).status).toBe(404)
    expect((await ask(rawiri, planId, { ...body, items: [{ kind: 'condition', id: 'nosuchitem00001' }] })).status).toBe(400)
    expect((await ask(rawiri, planId, { ...body, audience: '' })).status).toBe(400)
    const asked = await ask(rawiri, planId, body)
    expect(asked.status).toBe(201)
    const releaseId = asked.body.id
    expect(asked.body).toMatchObject({
      items: [`action|${actionId}`],
      requestedBy: { userId: rawiri.user!.id, name: 'Rawiri' },
      decisions: {},
    })
    expect((await csv(rawiri, planId, 'actions', releaseId)).text).not.toContain(SECRET)

    // Deciding: only a speaker of the owning partner.
    expect((await decide(hine, planId, releaseId, 'approved')).status).toBe(403)
    expect((await decide(mere, planId, releaseId, 'approved')).status).toBe(403)
    expect((await decide(outsider, planId, releaseId, 'approved')).status).toBe(404)
    expect((await decide(tama, planId, 'nosuchrelease01', 'approved')).status).toBe(404)
    expect((await decide(tama, planId, releaseId, 'maybe')).status).toBe(400)
    const approved = await decide(tama, planId, releaseId, 'approved')
    expect(approved.status).toBe(200)
    expect(approved.body.decisions['iwi:ngāti awa']).toMatchObject({ decision: 'approved', name: 'Tama' })

    // Approved: the release lets it out, for the requester and facilitators only.
    const released = await csv(rawiri, planId, 'actions', releaseId)
    expect(released.text).toContain(SECRET)
    expect(released.text).not.toContain('Withheld by')
    expect((await json(mere, planId, releaseId)).body.withheld).toEqual([])
    expect((await csv(hine, planId, 'actions', releaseId)).status).toBe(403)
    expect((await csv(rawiri, planId, 'actions', 'nosuchrelease01')).status).toBe(404)
    expect((await csv(rawiri, planId, 'actions')).text).not.toContain(SECRET)
    expect((await csv(outsider, planId, 'actions', releaseId)).status).toBe(404)

    // The item changes: the approval lapses.
    replaceText(getPriorityAction(client.doc, actionId)!.title, `${SECRET} (revised)`)
    await waitFor(async () => !(await csv(rawiri, planId, 'actions', releaseId)).text.includes(SECRET), {
      message: 'the approval lapses once the change is stored',
    })
    expect((await csv(rawiri, planId, 'actions', releaseId)).text).toContain('Withheld by Ngāti Awa: 1 action')

    // The access log has the request, the decision and every export with its release and count.
    const entries = await accessLog(mere, planId)
    expect(entries.find((e) => e.kind === 'release.requested')).toMatchObject({
      person: { id: rawiri.user!.id },
      details: { releaseId, items: 1 },
    })
    expect(entries.find((e) => e.kind === 'release.decided')).toMatchObject({
      person: { id: tama.user!.id },
      details: { releaseId, decision: 'approved' },
    })
    const exports = entries.filter((e) => e.kind === 'export.csv' && e.person?.id === rawiri.user!.id)
    expect(exports.some((e) => e.details.releaseId === releaseId && e.details.withheld === undefined)).toBe(true)
    expect(exports.some((e) => e.details.releaseId === undefined && e.details.withheld === 1)).toBe(true)
  })
})
