import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addFocusArea,
  agreedMarkOf,
  currentFingerprint,
  getHuiState,
  markAttendance,
  partnerKey,
  recordPosition,
  startHui,
  type AgreementPosition,
  type AgreementTarget,
  type AuditEvent,
  type HuiEndResult,
  type MarkAgreedResult,
  type SnapshotSummary,
} from '@hononga/shared'
import type { CollabEngine } from '../collab'
import { TestClient, addMember, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

const SERVER = { source: 'server', reason: 'test' } as const

describe('marking agreed and ending a hui', () => {
  let t: TestContext
  let facilitator: TestClient
  let iwi: TestClient
  let planId: string
  let target: AgreementTarget
  beforeEach(async () => {
    t = await createTestDeps()
    facilitator = await t.signUp('Mere')
    planId = (await createPlan(facilitator, { affiliation: 'police', organisation: 'New Zealand Police' })).id
    iwi = await addMember(t, facilitator, planId, { role: 'editor', affiliation: 'iwi', organisation: 'Ngāti Awa' }, 'Aroha')
    target = { kind: 'focusArea', id: await live((doc) => addFocusArea(doc, { title: 'Rangatahi pathways' }, SERVER)) }
  })
  afterEach(() => t.cleanup())

  /** Changes the live plan in the server (as a participant's edit would). */
  function live<T>(change: (doc: Y.Doc) => T): Promise<T> {
    return (t.deps.collab as CollabEngine).withRoom(planId, async (room) => change(room.doc))
  }
  const record = (who: TestClient, affiliation: 'iwi' | 'police', organisation: string, position: AgreementPosition = 'agree') =>
    live((doc) =>
      recordPosition(doc, target, partnerKey(affiliation, organisation), { position, userId: who.me!.id, userName: who.me!.name, fingerprint: currentFingerprint(doc, target)! }, SERVER),
    )
  const mark = (who: TestClient, body: unknown = { target }) => who.post(`/api/plans/${planId}/agreements/mark`, body)

  it('is for facilitators: 404 for non-members, 403 for editors and viewers, 400 for a bad body', async () => {
    const viewer = await addMember(t, facilitator, planId, { role: 'viewer', affiliation: 'community' })
    await expectError(await mark(await t.signUp()), 404, 'not_found')
    await expectError(await mark(iwi), 403, 'forbidden')
    await expectError(await mark(viewer), 403, 'forbidden')
    await expectError(await iwi.post(`/api/plans/${planId}/hui/end`), 403, 'forbidden')
    await expectError(await viewer.post(`/api/plans/${planId}/hui/end`), 403, 'forbidden')
    await expectError(await mark(facilitator, { target: { kind: 'nope', id: 'x' } }), 400, 'validation_failed')
    await expectError(await mark(facilitator, { target: { kind: 'action', id: 'missing' } }), 404, 'not_found')
  })

  it('answers 409 not_agreed naming who has not agreed and who objects, until every partner agrees', async () => {
    const none = await expectError(await mark(facilitator), 409, 'not_agreed')
    expect(none.error.message).toContain('Not yet agreed: Ngāti Awa (iwi), New Zealand Police (police)')
    await record(iwi, 'iwi', 'Ngāti Awa', 'object')
    await record(facilitator, 'police', 'New Zealand Police')
    const objecting = await expectError(await mark(facilitator), 409, 'not_agreed')
    expect(objecting.error.message).toContain('Objecting: Ngāti Awa (iwi)')
    expect(objecting.error.message).not.toContain('New Zealand Police')

    await record(iwi, 'iwi', 'Ngāti Awa', 'agree')
    const result = await TestClient.json<MarkAgreedResult>(await mark(facilitator))
    // The test clock stands at 1 March 2025, 9:00 UTC: 10 pm that day in Aotearoa.
    const label = 'Agreed at hui, 1 March 2025: Rangatahi pathways'
    expect(result).toMatchObject({ target, mark: { label, by: facilitator.me!.id, byName: 'Mere' }, snapshot: { label, kind: 'named' } })
    expect(result.mark.snapshotId).toBe(result.snapshot.id)
    expect(await live((doc) => agreedMarkOf(doc, target))).toEqual(result.mark)
    const snapshots = await TestClient.json<SnapshotSummary[]>(await facilitator.get(`/api/plans/${planId}/snapshots`))
    expect(snapshots.map((s) => s.id)).toContain(result.snapshot.id)
    const audit = await TestClient.json<AuditEvent[]>(await iwi.get(`/api/plans/${planId}/audit`))
    expect(audit[0]).toMatchObject({ event: 'item.agreed', details: { snapshotId: result.snapshot.id, label } })
  })

  it('counts only the partners of those who attended the running hui, and takes a given label', async () => {
    const huiId = await live((doc) => startHui(doc, facilitator.me!.id, t.clock.now, SERVER))
    await live((doc) =>
      markAttendance(doc, { huiId, userId: iwi.me!.id, name: 'Aroha', affiliation: 'iwi', organisation: 'Ngāti Awa', at: t.clock.now }, SERVER),
    )
    await record(iwi, 'iwi', 'Ngāti Awa')
    const result = await TestClient.json<MarkAgreedResult>(await mark(facilitator, { target, label: 'Whakaaetia' }))
    expect(result.mark.label).toBe('Whakaaetia')
  })

  it('ends the running hui with its minutes kept as a named snapshot; 409 when none is running', async () => {
    await expectError(await facilitator.post(`/api/plans/${planId}/hui/end`), 409, 'conflict')
    const huiId = await live((doc) => startHui(doc, facilitator.me!.id, t.clock.now, SERVER))
    t.clock.advance(3_600_000)
    const result = await TestClient.json<HuiEndResult>(await facilitator.post(`/api/plans/${planId}/hui/end`))
    expect(result).toMatchObject({ huiId, snapshot: { label: 'Minutes of hui, 1 March 2025', kind: 'named', createdBy: { id: facilitator.me!.id } } })
    expect(await live((doc) => getHuiState(doc))).toMatchObject({ active: false, endedAt: t.clock.now })
    const minutes = await TestClient.json<{ hui: { state: { active: boolean } } }>(await iwi.get(`/api/plans/${planId}/snapshots/${result.snapshot.id}`))
    expect(minutes.hui.state.active).toBe(false)
    const audit = await TestClient.json<AuditEvent[]>(await iwi.get(`/api/plans/${planId}/audit`))
    expect(audit[0]).toMatchObject({ event: 'hui.ended', details: { huiId, snapshotId: result.snapshot.id } })
    await expectError(await facilitator.post(`/api/plans/${planId}/hui/end`), 409, 'conflict')
  })
})
