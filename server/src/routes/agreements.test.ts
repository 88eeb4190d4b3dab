import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addFocusArea,
  agreedMarkOf,
  currentFingerprint,
  getHuiState,
  markAttendance,
  partnerKey,
  startHui,
  type AgreementPosition,
  type AgreementTarget,
  type AuditEvent,
  type HuiEndResult,
  type MarkAgreedResult,
  type Member,
  type PositionResult,
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
  /** Records the caller's own partner's position, as the command (PUT /positions). */
  const record = async (who: TestClient, position: AgreementPosition = 'agree') => {
    const fingerprint = await live((doc) => currentFingerprint(doc, target)!)
    return TestClient.json<PositionResult>(
      await who.request('PUT', `/api/plans/${planId}/positions`, { json: { target, position, fingerprint } }),
    )
  }
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
    await record(iwi, 'object')
    await record(facilitator)
    const objecting = await expectError(await mark(facilitator), 409, 'not_agreed')
    expect(objecting.error.message).toContain('Objecting: Ngāti Awa (iwi)')
    expect(objecting.error.message).not.toContain('New Zealand Police')

    await record(iwi, 'agree')
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
      markAttendance(
        doc,
        { huiId, userId: iwi.me!.id, name: 'Aroha', affiliation: 'iwi', organisation: 'Ngāti Awa', at: t.clock.now },
        SERVER,
      ),
    )
    await record(iwi)
    const result = await TestClient.json<MarkAgreedResult>(await mark(facilitator, { target, label: 'Whakaaetia' }))
    expect(result.mark.label).toBe('Whakaaetia')
  })

  it('a viewer who speaks for their partner records its position, and the item can then be marked; one who does not gets 403', async () => {
    const voice = await addMember(
      t,
      facilitator,
      planId,
      { role: 'viewer', affiliation: 'agency', organisation: 'Oranga Tamariki' },
      'Hine',
    )
    const silent = await addMember(t, facilitator, planId, {
      role: 'viewer',
      affiliation: 'community',
      organisation: 'Kaitāia Community House',
      speaksFor: false,
    })
    await record(iwi)
    await record(facilitator)
    const waiting = await expectError(await mark(facilitator), 409, 'not_agreed')
    expect(waiting.error.message).toContain('Not yet agreed: Oranga Tamariki (agency)')
    // A partner none of whose members speaks for it does not block agreement; the message says why it is not counted.
    expect(waiting.error.message).toContain('No member speaks for: Kaitāia Community House (community)')
    await expectError(
      await silent.request('PUT', `/api/plans/${planId}/positions`, { json: { target, position: 'agree', fingerprint: 'x' } }),
      403,
      'forbidden',
    )

    // A facilitator can let someone speak for their partner (and take it back).
    const changed = await TestClient.json<Member>(
      await facilitator.patch(`/api/plans/${planId}/members/${silent.me!.id}`, { speaksFor: true }),
    )
    expect(changed.speaksFor).toBe(true)
    await record(silent)
    await TestClient.json<Member>(await facilitator.patch(`/api/plans/${planId}/members/${silent.me!.id}`, { speaksFor: false }))
    await expectError(
      await silent.request('PUT', `/api/plans/${planId}/positions`, { json: { target, position: 'agree', fingerprint: 'x' } }),
      403,
      'forbidden',
    )

    const recorded = await record(voice)
    expect(recorded).toMatchObject({
      partner: partnerKey('agency', 'Oranga Tamariki'),
      record: { recordedBy: voice.me!.id, recordedByName: 'Hine' },
      earlierVersion: false,
    })
    await TestClient.json<MarkAgreedResult>(await mark(facilitator))
  })

  it('during a hui, counts the partners present who speak for them and names those not counted', async () => {
    const huiId = await live((doc) => startHui(doc, facilitator.me!.id, t.clock.now, SERVER))
    const viewer = await addMember(t, facilitator, planId, {
      role: 'viewer',
      affiliation: 'agency',
      organisation: 'Oranga Tamariki',
      speaksFor: false,
    })
    await live((doc) => {
      markAttendance(
        doc,
        { huiId, userId: facilitator.me!.id, name: 'Mere', affiliation: 'police', organisation: 'New Zealand Police', at: t.clock.now },
        SERVER,
      )
      markAttendance(
        doc,
        { huiId, userId: viewer.me!.id, name: 'Hēmi', affiliation: 'agency', organisation: 'Oranga Tamariki', at: t.clock.now },
        SERVER,
      )
    })
    const message = (await expectError(await mark(facilitator), 409, 'not_agreed')).error.message
    // The viewer present does not speak for their partner: it is not counted, and the message says why.
    expect(message).toContain('Not yet agreed: New Zealand Police (police).')
    expect(message).toContain('Not counted, as no one present speaks for them: Ngāti Awa (iwi).')
    expect(message).toContain('No member speaks for: Oranga Tamariki (agency)')
    await record(facilitator)
    await TestClient.json<MarkAgreedResult>(await mark(facilitator))
  })

  it('ends the running hui with its minutes kept as a named snapshot; 409 when none is running', async () => {
    await expectError(await facilitator.post(`/api/plans/${planId}/hui/end`), 409, 'conflict')
    const huiId = await live((doc) => startHui(doc, facilitator.me!.id, t.clock.now, SERVER))
    t.clock.advance(3_600_000)
    const result = await TestClient.json<HuiEndResult>(await facilitator.post(`/api/plans/${planId}/hui/end`))
    expect(result).toMatchObject({
      huiId,
      snapshot: {
        label: expect.stringMatching(/^Minutes of hui, 1 March 2025, \d{1,2}:\d{2} [ap]m$/),
        kind: 'named',
        createdBy: { id: facilitator.me!.id },
      },
    })
    expect(await live((doc) => getHuiState(doc))).toMatchObject({ active: false, endedAt: t.clock.now })
    const minutes = await TestClient.json<{ hui: { state: { active: boolean } } }>(
      await iwi.get(`/api/plans/${planId}/snapshots/${result.snapshot.id}`),
    )
    expect(minutes.hui.state.active).toBe(false)
    const audit = await TestClient.json<AuditEvent[]>(await iwi.get(`/api/plans/${planId}/audit`))
    expect(audit[0]).toMatchObject({ event: 'hui.ended', details: { huiId, snapshotId: result.snapshot.id } })
    await expectError(await facilitator.post(`/api/plans/${planId}/hui/end`), 409, 'conflict')
  })
})
