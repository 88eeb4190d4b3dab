import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addFocusArea,
  agreedMarkOf,
  agreedStateOn,
  CloseCode,
  currentFingerprint,
  getFocusArea,
  getHuiState,
  MessageType,
  minutesOf,
  partnerKey,
  positionsOn,
  recordPosition,
  replaceText,
  startHui,
  SyncMessageType,
  type AgreementTarget,
  type Affiliation,
  type ErrorBody,
  type HuiEndResult,
  type HuiStateResult,
  type MarkAgreedResult,
  type PlanJson,
  type SnapshotSummary,
} from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { frame, RawSocket } from './support/raw-socket'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool, type PlanClient } from './support/yclient'

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  server = await inProcessServer()
})
afterEach(() => pool.destroyAll())
afterAll(async () => {
  await server.close()
})

interface Person {
  api: ApiClient
  client: PlanClient
  affiliation: Affiliation
  organisation: string | null
}

/** A plan with a police facilitator, an iwi editor and an agency editor, each on the stock y-websocket client. */
async function planWithPartners() {
  const { api, planId } = await facilitatorWithPlan(server.url)
  const iwiApi = await new ApiClient(server.url).register('Aroha')
  const agencyApi = await new ApiClient(server.url).register('Sam')
  await api.invite(planId, iwiApi, 'editor', 'iwi', 'Ngāti Awa')
  await api.invite(planId, agencyApi, 'editor', 'agency', 'Ministry of Social Development')
  const join = async (who: ApiClient, affiliation: Affiliation, organisation: string | null): Promise<Person> => ({
    api: who,
    client: await pool.join(who, server.wsUrl, planId),
    affiliation,
    organisation,
  })
  const facilitator = await join(api, 'police', null)
  const iwi = await join(iwiApi, 'iwi', 'Ngāti Awa')
  const agency = await join(agencyApi, 'agency', 'Ministry of Social Development')
  const focusAreaId = addFocusArea(facilitator.client.doc, { title: 'Rangatahi pathways' })
  const target: AgreementTarget = { kind: 'focusArea', id: focusAreaId }
  await waitFor(() => getFocusArea(iwi.client.doc, focusAreaId) && getFocusArea(agency.client.doc, focusAreaId), {
    message: 'focus area everywhere',
  })
  return { planId, facilitator, iwi, agency, target, focusAreaId }
}

/** A person records their own partner's position, as a command (PUT /positions), on the version their device shows. */
async function recordOwn(person: Person, target: AgreementTarget, position: 'agree' | 'object' = 'agree'): Promise<void> {
  const planId = person.client.provider.roomname
  const fingerprint = currentFingerprint(person.client.doc, target)!
  const response = await person.api.request('PUT', `/api/plans/${planId}/positions`, { target, position, fingerprint })
  expect(response.status).toBe(200)
}

const markUrl = (planId: string) => `/api/plans/${planId}/agreements/mark`

describe('agreement at a hui', () => {
  it('partners record their own positions as commands; one written by a device closes its socket with 4422 and goes nowhere', async () => {
    const { planId, facilitator, iwi, agency, target, focusAreaId } = await planWithPartners()
    await recordOwn(iwi, target)
    await recordOwn(agency, target)
    await waitFor(() => positionsOn(facilitator.client.doc, target).size === 2, { message: 'both positions reach the facilitator' })

    // The agency editor forges an objection for the iwi partner from their device, as a raw update frame built
    // on what their device holds (so the server can place every part of it).
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(agency.client.doc))
    const forged: Uint8Array[] = []
    copy.on('update', (update: Uint8Array) => forged.push(update))
    recordPosition(copy, target, partnerKey('iwi', 'Ngāti Awa'), {
      position: 'object',
      userId: agency.api.user!.id,
      userName: 'Sam',
      fingerprint: currentFingerprint(copy, target)!,
    })
    const raw = new RawSocket(`${server.wsUrl}/${planId}?ticket=${await agency.api.ticket(planId)}`)
    await raw.opened
    raw.send(frame(MessageType.Sync, SyncMessageType.Update, forged[0]!))
    expect((await raw.closed).code).toBe(CloseCode.EditRefused)

    // Everyone else keeps syncing, and nobody ever sees the forgery.
    const title = getFocusArea(iwi.client.doc, focusAreaId)!.title
    title.insert(title.length, ' mō te rohe')
    await waitFor(() => getFocusArea(facilitator.client.doc, focusAreaId)!.title.toString().endsWith('mō te rohe'), {
      message: 'later edit arrives',
    })
    await waitFor(() => getFocusArea(agency.client.doc, focusAreaId)!.title.toString().endsWith('mō te rohe'), {
      message: 'later edit arrives',
    })
    for (const person of [facilitator, iwi, agency]) {
      expect(positionsOn(person.client.doc, target).get(partnerKey('iwi', 'Ngāti Awa'))?.position).toBe('agree')
      expect(person.client.closes).toEqual([])
    }
    const stored = await facilitator.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)
    expect(stored.body.agreements.map((a) => [a.partner, a.position, a.recordedBy])).toEqual(
      expect.arrayContaining([
        [partnerKey('iwi', 'Ngāti Awa'), 'agree', iwi.api.user!.id],
        [partnerKey('agency', 'Ministry of Social Development'), 'agree', agency.api.user!.id],
      ]),
    )
    expect(stored.body.agreements.some((a) => a.position === 'object')).toBe(false)
  })

  it('a stock client that writes the hui state itself is closed with 4422 and its change is not kept', async () => {
    const { planId, facilitator, agency } = await planWithPartners()
    startHui(agency.client.doc, agency.api.user!.id)
    await waitFor(() => agency.client.closes.some((c) => c.code === CloseCode.EditRefused), { message: '4422 for the editor' })
    const document = await facilitator.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)
    expect(document.body.hui.state.active).toBe(false)
    expect(getHuiState(facilitator.client.doc).active).toBe(false)
  })

  it('mark agreed: 409 not_agreed until every partner agrees, then 200 with a named snapshot and the mark live; a later change shows', async () => {
    const { planId, facilitator, iwi, agency, target, focusAreaId } = await planWithPartners()
    await recordOwn(iwi, target)
    await recordOwn(agency, target, 'object')
    await waitFor(() => positionsOn(facilitator.client.doc, target).size === 2, { message: 'positions reach the facilitator' })

    const objected = await facilitator.api.request<ErrorBody>('POST', markUrl(planId), { target })
    expect(objected.status).toBe(409)
    expect(objected.body.error.code).toBe('not_agreed')
    expect(objected.body.error.message).toMatch(/Objecting: Ministry of Social Development \(agency\)/)
    expect(objected.body.error.message).toMatch(/Not yet agreed: police/)

    await recordOwn(agency, target)
    await recordOwn(facilitator, target)
    await waitFor(() => [...positionsOn(iwi.client.doc, target).values()].filter((p) => p.position === 'agree').length === 3, {
      message: 'three agreements stored and relayed',
    })
    const marked = await facilitator.api.request<MarkAgreedResult>('POST', markUrl(planId), { target })
    expect(marked.status).toBe(200)
    expect(marked.body.mark.label).toMatch(/^Agreed at hui, \d{1,2} [A-Z][a-z]+ \d{4}: Rangatahi pathways$/)
    expect(marked.body.snapshot).toMatchObject({ id: marked.body.mark.snapshotId, kind: 'named', label: marked.body.mark.label })

    const snapshots = await iwi.api.request<SnapshotSummary[]>('GET', `/api/plans/${planId}/snapshots`)
    expect(snapshots.body.find((s) => s.id === marked.body.snapshot.id)).toMatchObject({
      kind: 'named',
      createdBy: { id: facilitator.api.user!.id },
    })
    for (const person of [facilitator, iwi, agency]) {
      await waitFor(() => agreedMarkOf(person.client.doc, target)?.snapshotId === marked.body.snapshot.id, {
        message: 'mark reaches every client',
      })
      expect(agreedStateOn(person.client.doc, target).changedSinceAgreed).toBe(false)
    }

    replaceText(getFocusArea(iwi.client.doc, focusAreaId)!.title, 'Rangatahi pathways and mahi')
    for (const person of [facilitator, agency]) {
      await waitFor(() => agreedStateOn(person.client.doc, target).changedSinceAgreed, { message: 'changed since agreed' })
    }
  })

  it('viewers and editors get 403 on mark and on ending a hui', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const viewer = await new ApiClient(server.url).register('Viewer')
    const editor = await new ApiClient(server.url).register('Editor')
    await api.invite(planId, viewer, 'viewer', 'community', 'Kaitāia Community House')
    await api.invite(planId, editor, 'editor', 'agency', 'Oranga Tamariki')
    const target = { kind: 'focusArea', id: 'anything' }
    for (const who of [viewer, editor]) {
      expect((await who.request('POST', markUrl(planId), { target })).status).toBe(403)
      expect((await who.request('POST', `/api/plans/${planId}/hui/end`)).status).toBe(403)
    }
  })

  it('the server records who attended (viewers too), and ending a hui keeps its minutes as a named snapshot', async () => {
    const { planId, facilitator, iwi, agency } = await planWithPartners()
    const started = await facilitator.api.request<HuiStateResult>('POST', `/api/plans/${planId}/hui/start`, {})
    expect(started.status).toBe(200)
    const huiId = started.body.huiId!
    await waitFor(() => getHuiState(iwi.client.doc).active && getHuiState(agency.client.doc).active, { message: 'hui started everywhere' })
    const attendance = async () => (await facilitator.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.hui.attendance
    // Everyone connected when the hui starts is recorded by the server.
    await waitFor(async () => (await attendance()).length === 3, { message: 'attendance of the three connected' })
    // Someone arriving during the hui is recorded too, a viewer included (viewers cannot write).
    const viewer = await new ApiClient(server.url).register('Wiremu')
    await facilitator.api.invite(planId, viewer, 'viewer', 'community', 'Kaitāia Community House')
    await pool.join(viewer, server.wsUrl, planId)
    await waitFor(async () => (await attendance()).length === 4, { message: 'the viewer who arrived' })
    // A person is recorded once per hui, however often they connect.
    await pool.join(iwi.api, server.wsUrl, planId)
    expect((await attendance()).filter((a) => a.userId === iwi.api.user!.id)).toHaveLength(1)

    const ended = await facilitator.api.request<HuiEndResult>('POST', `/api/plans/${planId}/hui/end`)
    expect(ended.status).toBe(200)
    expect(ended.body.huiId).toBe(huiId)
    expect(ended.body.snapshot).toMatchObject({
      kind: 'named',
      label: expect.stringMatching(/^Minutes of hui, \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2} [ap]m$/),
    })
    await waitFor(() => !getHuiState(iwi.client.doc).active, { message: 'the end reaches clients' })

    const atEnd = await iwi.api.request<PlanJson>('GET', `/api/plans/${planId}/snapshots/${ended.body.snapshot.id}`)
    const minutes = minutesOf(atEnd.body, huiId)
    expect(minutes.endedAt).not.toBeNull()
    expect(minutes.attendance.map((group) => [group.partner.affiliation, group.people.map((p) => p.name)])).toEqual([
      ['iwi', ['Aroha']],
      ['agency', ['Sam']],
      ['police', ['Mere Facilitator']],
      ['community', ['Wiremu']],
    ])
    expect((await facilitator.api.request('POST', `/api/plans/${planId}/hui/end`)).status).toBe(409)
  })
})
