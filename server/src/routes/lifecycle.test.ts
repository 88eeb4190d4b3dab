import type { AuditEvent, PlanDetail, PlanSummary } from '@hononga/shared'
import { getPlanMeta } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../db/audit'
import { accessEvents } from '../db/schema'
import { getPlanLifecycle } from '../db/plans'
import { purgeDeletedPlans } from '../lifecycle/purge'
import { TestClient, addMember, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

const DAY = 24 * 60 * 60 * 1000

describe('plan lifecycle', () => {
  let t: TestContext
  let facilitator: TestClient
  let plan: PlanSummary
  let url: string
  beforeEach(async () => {
    t = await createTestDeps()
    facilitator = await t.signUp('Facilitator')
    plan = await createPlan(facilitator, { title: 'Kaitāia safety plan', community: 'Kaitāia' })
    url = `/api/plans/${plan.id}`
  })
  afterEach(() => t.cleanup())

  const audit = async (client: TestClient) => (await TestClient.json<AuditEvent[]>(await client.get(`${url}/audit`))).map((e) => e.event)

  it('renames and re-describes a plan through its document, for facilitators only', async () => {
    const editor = await addMember(t, facilitator, plan.id, { role: 'editor', affiliation: 'iwi', organisation: 'Te Rarawa' })
    await expectError(await editor.patch(url, { title: 'Mine now' }), 403, 'forbidden')
    await expectError(await facilitator.patch(url, {}), 400, 'validation_failed')

    const renamed = await TestClient.json<PlanSummary>(
      await facilitator.patch(url, { title: 'Te Hiku safety plan', community: 'Te Hiku', district: 'Northland' }),
    )
    expect(renamed).toMatchObject({ title: 'Te Hiku safety plan', community: 'Te Hiku', district: 'Northland' })
    const heading = await t.deps.collab.readPlan(plan.id, (doc) => {
      const meta = getPlanMeta(doc)
      return [meta.title?.toString(), meta.community?.toString(), meta.district]
    })
    expect(heading).toEqual(['Te Hiku safety plan', 'Te Hiku', 'Northland'])
    // '' clears the district; the other fields stay.
    expect(await TestClient.json<PlanSummary>(await facilitator.patch(url, { district: '' }))).toMatchObject({
      title: 'Te Hiku safety plan',
      district: null,
    })
    expect(await audit(facilitator)).toContain('plan.updated')
  })

  it('archives a plan read-only and out of the way, and restores it', async () => {
    const editor = await addMember(t, facilitator, plan.id, { role: 'editor', affiliation: 'agency', organisation: 'MSD' })
    await expectError(await editor.post(`${url}/archive`), 403, 'forbidden')
    const archived = await TestClient.json<PlanSummary>(await facilitator.post(`${url}/archive`))
    expect(archived.archivedAt).toBe(new Date(t.clock.now).toISOString())

    // Writes are refused with 409; reading, tickets and the export still work.
    await expectError(await editor.post(`${url}/snapshots`, { label: 'Before' }), 409, 'plan_archived')
    await expectError(await facilitator.post(`${url}/parking-lot`, { text: 'Kai for the hui' }), 409, 'plan_archived')
    await expectError(await facilitator.patch(url, { title: 'Renamed' }), 409, 'plan_archived')
    expect((await editor.get(`${url}/export.json`)).status).toBe(200)
    expect((await editor.post(`${url}/ws-ticket`)).status).toBe(200)
    const listed = await TestClient.json<PlanSummary[]>(await editor.get('/api/plans'))
    expect(listed.find((p) => p.id === plan.id)?.archivedAt).toBe(archived.archivedAt)

    const restored = await TestClient.json<PlanSummary>(await facilitator.delete(`${url}/archive`))
    expect(restored.archivedAt).toBeNull()
    expect((await facilitator.post(`${url}/parking-lot`, { text: 'Kai for the hui' })).status).toBe(201)
    expect(await audit(facilitator)).toEqual(expect.arrayContaining(['plan.archived', 'plan.unarchived']))
  })

  it('lets nobody join an archived plan, by an invite made before it was archived', async () => {
    const invite = await TestClient.json<{ code: string }>(
      await facilitator.post(`${url}/invites`, { role: 'editor', affiliation: 'iwi', organisation: 'Te Rarawa' }),
      201,
    )
    await TestClient.json<PlanSummary>(await facilitator.post(`${url}/archive`))
    const person = await t.signUp('Late comer')
    await expectError(await person.post(`/api/invites/${invite.code}/accept`), 409, 'plan_archived')
    await TestClient.json<PlanSummary>(await facilitator.delete(`${url}/archive`))
    expect((await person.post(`/api/invites/${invite.code}/accept`)).status).toBe(200)
  })

  it('deletes only with the title typed, and any facilitator can undo it within 30 days', async () => {
    const second = await addMember(t, facilitator, plan.id, { role: 'facilitator', affiliation: 'iwi', organisation: 'Te Aupōuri' })
    await expectError(await facilitator.post(`${url}/deletion`, { confirmTitle: 'Kaitaia safety plan' }), 400, 'validation_failed')
    await expectError(await facilitator.post(`${url}/deletion`, { confirmTitle: '' }), 400, 'validation_failed')
    expect(getPlanLifecycle(t.db, plan.id)?.deletedAt).toBeNull()

    const deleted = await TestClient.json<PlanSummary>(await facilitator.post(`${url}/deletion`, { confirmTitle: ' Kaitāia safety plan ' }))
    expect(deleted.deletedAt).toBe(new Date(t.clock.now).toISOString())
    expect(deleted.purgeAt).toBe(new Date(t.clock.now + 30 * DAY).toISOString())
    await expectError(await second.post(`${url}/snapshots`, { label: 'Before' }), 409, 'plan_deleted')
    await expectError(await second.post(`${url}/deletion`, { confirmTitle: 'Kaitāia safety plan' }), 409, 'plan_deleted')
    // Every member still sees it, with the date, and can download the plan meanwhile.
    const detail = await TestClient.json<PlanDetail>(await second.get(url))
    expect(detail.purgeAt).toBe(deleted.purgeAt)
    expect((await second.get(`${url}/export.json`)).status).toBe(200)

    const undone = await TestClient.json<PlanSummary>(await second.delete(`${url}/deletion`))
    expect(undone).toMatchObject({ deletedAt: null, purgeAt: null })
    expect((await second.post(`${url}/snapshots`, { label: 'After' })).status).toBe(201)
    expect(await audit(facilitator)).toEqual(expect.arrayContaining(['plan.deleted', 'plan.undeleted']))
  })

  it('gives each partner its own contributions while a deleted plan waits', async () => {
    const iwi = await addMember(t, facilitator, plan.id, { role: 'editor', affiliation: 'iwi', organisation: 'Te Rarawa' })
    expect((await iwi.post(`${url}/parking-lot`, { text: 'Rangatahi voices' })).status).toBe(201)
    expect((await facilitator.post(`${url}/parking-lot`, { text: 'Police rosters' })).status).toBe(201)
    await facilitator.post(`${url}/deletion`, { confirmTitle: 'Kaitāia safety plan' })

    const response = await iwi.get(`${url}/contributions.json`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain('contributions.json')
    const file = (await response.json()) as { partner: { key: string }; parkedTopics: { text: string }[] }
    expect(file.partner.key).toBe('iwi:te rarawa')
    expect(file.parkedTopics.map((topic) => topic.text)).toEqual(['Rangatahi voices'])
    // The download is in the plan's access log, under the partner that made it.
    const log = t.db.select().from(accessEvents).all()
    expect(log.filter((row) => row.kind === 'export.contributions')).toEqual([
      expect.objectContaining({ userId: iwi.me!.id, affiliation: 'iwi', organisation: 'Te Rarawa' }),
    ])
  })

  it('purges a deleted plan after 30 days, keeping its audit record', async () => {
    const other = await createPlan(facilitator, { title: 'Kept plan', community: 'Kaitāia' })
    await facilitator.post(`${url}/snapshots`, { label: 'A named snapshot' })
    await facilitator.post(`${url}/deletion`, { confirmTitle: 'Kaitāia safety plan' })
    const purge = () => purgeDeletedPlans({ repos: t.deps.repos, collab: t.deps.collab, now: t.deps.now, log: t.deps.log })

    t.clock.advance(29 * DAY)
    expect(await purge()).toEqual([])
    expect((await facilitator.get(url)).status).toBe(200)

    t.clock.advance(DAY + 1)
    expect(await purge()).toEqual([plan.id])
    expect(await purge()).toEqual([])
    // Gone for its members, and its document, updates and snapshots are gone from storage.
    await expectError(await facilitator.get(url), 404, 'not_found')
    const plans = await TestClient.json<PlanSummary[]>(await facilitator.get('/api/plans'))
    expect(plans.map((p) => p.id)).toEqual([other.id])
    expect(await t.deps.collab.listSnapshots(plan.id)).toEqual([])
    await expect(t.deps.collab.renderPlan(plan.id)).rejects.toMatchObject({ code: 'not_found' })
    // The audit record of the deletion stays, and says when the content went.
    const events = listAudit(t.db, plan.id, { limit: 50 }).map((row) => row.event)
    expect(events.slice(0, 2)).toEqual(['plan.purged', 'plan.deleted'])
    expect(getPlanLifecycle(t.db, plan.id)).toMatchObject({ title: '', purgedAt: t.clock.now })
    // The other plan is untouched.
    expect((await facilitator.get(`/api/plans/${other.id}`)).status).toBe(200)
  })

  it('imports a template under the title, place and partner the importer chose', async () => {
    const exported = (await (await facilitator.get(`${url}/export.json`)).json()) as object
    const newPlan = { title: 'Whangārei plan', community: 'Whangārei', district: 'Northland', affiliation: 'iwi', organisation: 'Ngāpuhi' }
    const created = await TestClient.json<PlanSummary>(await facilitator.post('/api/plans/import', { ...exported, newPlan }), 201)
    expect(created).toMatchObject({ ...newPlan, role: 'facilitator' })
    // Without a choice, the file's own heading, as before.
    const plain = await TestClient.json<PlanSummary>(await facilitator.post('/api/plans/import', exported), 201)
    expect(plain).toMatchObject({ title: 'Kaitāia safety plan (from template)', affiliation: 'police' })
  })

  it('lets a member leave an archived plan, but not its last facilitator', async () => {
    const editor = await addMember(t, facilitator, plan.id, { role: 'editor', affiliation: 'agency', organisation: 'MSD' })
    await facilitator.post(`${url}/archive`)
    await expectError(await facilitator.delete(`${url}/members/${facilitator.me!.id}`), 409, 'last_facilitator')
    expect((await editor.delete(`${url}/members/${editor.me!.id}`)).status).toBe(204)
    await expectError(await editor.get(url), 404, 'not_found')
  })

  it('never purges a deletion that was undone', async () => {
    await facilitator.post(`${url}/deletion`, { confirmTitle: 'Kaitāia safety plan' })
    await facilitator.delete(`${url}/deletion`)
    t.clock.advance(31 * DAY)
    expect(await purgeDeletedPlans({ repos: t.deps.repos, collab: t.deps.collab, now: t.deps.now, log: t.deps.log })).toEqual([])
    expect(getPlanLifecycle(t.db, plan.id)?.purgedAt).toBeNull()
  })
})
