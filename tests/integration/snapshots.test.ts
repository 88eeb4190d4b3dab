import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addFocusArea,
  appendParagraph,
  getFocusArea,
  getPlanRoots,
  listFocusAreas,
  removeFocusArea,
  replaceText,
  toPlanJson,
  type PlanJson,
  type SnapshotSummary,
} from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  // Plans leave memory as soon as nobody uses them, so "unloaded" marks "all work done".
  server = await inProcessServer({ PLAN_IDLE_UNLOAD_MS: '0' })
})
afterAll(async () => {
  pool.destroyAll()
  await server.close()
})

const join = (api: ApiClient, planId: string) => pool.join(api, server.wsUrl, planId)
/** A plan's content: the origins of its items (issue 13 §1) are history, which a restore does not roll back. */
const content = (plan: PlanJson) => JSON.stringify({ ...plan, origins: [] })

describe('snapshots', () => {
  it('create, list, render, then restore as a live forward change that every client receives', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const partner = await new ApiClient(server.url).register('Partner')
    await api.invite(planId, partner, 'editor')
    const a = await join(api, planId)
    const b = await join(partner, planId)

    const kept = addFocusArea(a.doc, { title: 'Kāinga kore: housing' })
    const removedLater = addFocusArea(a.doc, { title: 'Gang recruitment' })
    appendParagraph(getPlanRoots(a.doc).environment, 'Ngā āhuatanga o te rohe: the local environment.')
    await waitFor(() => listFocusAreas(b.doc).length === 2, { message: 'b has both' })

    const created = await partner.request<SnapshotSummary>('POST', `/api/plans/${planId}/snapshots`, { label: 'Agreed at hui, 12 March' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      label: 'Agreed at hui, 12 March',
      kind: 'named',
      createdBy: { id: partner.user!.id, name: 'Partner' },
    })
    const atSnapshot = toPlanJson(a.doc)

    const rendered = await api.request<PlanJson>('GET', `/api/plans/${planId}/snapshots/${created.body.id}`)
    expect(rendered.status).toBe(200)
    expect(rendered.body).toEqual(atSnapshot)

    // Change everything after the snapshot.
    replaceText(getFocusArea(b.doc, kept)!.title, 'Something else entirely')
    removeFocusArea(b.doc, removedLater)
    addFocusArea(b.doc, { title: 'Added after the hui' })
    appendParagraph(getPlanRoots(b.doc).environment, 'A later paragraph.')
    await waitFor(() => toPlanJson(a.doc).focusAreas.some((f) => f.title === 'Added after the hui'), { message: 'changes reach a' })
    const removal = () => toPlanJson(a.doc).origins.find((o) => o.key === `focusArea|${removedLater}`)?.removedBy
    await waitFor(removal, { message: 'the removal recorded' })

    // Only facilitators restore.
    const refused = await partner.request('POST', `/api/plans/${planId}/snapshots/${created.body.id}/restore`)
    expect(refused.status).toBe(403)

    const restored = await api.request<{ before: SnapshotSummary }>('POST', `/api/plans/${planId}/snapshots/${created.body.id}/restore`)
    expect(restored.status).toBe(200)
    expect(restored.body.before.kind).toBe('pre-restore')

    // Both connected clients receive the restore live.
    await waitFor(() => content(toPlanJson(a.doc)) === content(atSnapshot), { message: 'a restored' })
    await waitFor(() => content(toPlanJson(b.doc)) === content(atSnapshot), { message: 'b restored' })
    // Who contributed what is not rolled back (issue 13 §1): the later focus area stays b's
    // contribution on record, and the one brought back is no longer marked removed.
    const origins = await waitFor(
      () => {
        const now = toPlanJson(a.doc).origins
        return removal() === undefined ? now : null
      },
      { message: 'the origin of the focus area brought back' },
    )
    expect(origins.map((o) => o.key)).toEqual(expect.arrayContaining([`focusArea|${kept}`, `focusArea|${removedLater}`]))
    expect(origins).toHaveLength(3)

    // The state before the restore is kept, and renders as it was.
    const before = await api.request<PlanJson>('GET', `/api/plans/${planId}/snapshots/${restored.body.before.id}`)
    expect(before.body.focusAreas.map((f) => f.title)).toEqual(['Something else entirely', 'Added after the hui'])

    const list = await api.request<SnapshotSummary[]>('GET', `/api/plans/${planId}/snapshots`)
    expect(list.body.map((s) => s.kind)).toEqual(expect.arrayContaining(['named', 'pre-restore']))
    expect(list.body[0]!.id).toBe(restored.body.before.id)

    const audit = await api.request<{ event: string }[]>('GET', `/api/plans/${planId}/audit`)
    expect(audit.body.map((e) => e.event)).toEqual(expect.arrayContaining(['snapshot.created', 'snapshot.restored']))

    // Restored content is stored: a fresh client loads it.
    const fresh = await join(api, planId)
    expect(content(toPlanJson(fresh.doc))).toEqual(content(atSnapshot))
  })

  it('a non-member sees no snapshot; an unknown snapshot is 404', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const created = await api.request<SnapshotSummary>('POST', `/api/plans/${planId}/snapshots`, { label: 'Start' })
    const stranger = await new ApiClient(server.url).register('Stranger')
    expect((await stranger.request('GET', `/api/plans/${planId}/snapshots`)).status).toBe(404)
    expect((await stranger.request('GET', `/api/plans/${planId}/snapshots/${created.body.id}`)).status).toBe(404)
    expect((await api.request('GET', `/api/plans/${planId}/snapshots/nope-nope-nope`)).status).toBe(404)
    expect((await api.request('POST', `/api/plans/${planId}/snapshots`, { label: '' })).status).toBe(400)
  })

  it('saves an automatic snapshot when the last participant leaves, only if something changed', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const autos = async () =>
      (await api.request<SnapshotSummary[]>('GET', `/api/plans/${planId}/snapshots`)).body.filter((s) => s.kind === 'auto').length
    const a = await join(api, planId)
    addFocusArea(a.doc, { title: 'Changed' })
    const other = await join(api, planId)
    await waitFor(() => listFocusAreas(other.doc).length === 1, { message: 'durable' })
    a.destroy()
    other.destroy()
    await waitFor(() => !server.engine.registry.isResident(planId), { message: 'plan unloaded after its snapshot' })
    expect(await autos()).toBe(1)
    // Joining and leaving without a change adds none.
    const c = await join(api, planId)
    c.destroy()
    await waitFor(() => !server.engine.registry.isResident(planId), { message: 'plan unloaded again' })
    expect(await autos()).toBe(1)
  })
})
