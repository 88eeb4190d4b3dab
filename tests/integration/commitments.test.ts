import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  allCommitments,
  minutesOf,
  partnerKey,
  type CommitmentRecord,
  type HuiEndResult,
  type HuiStateResult,
  type PlanJson,
} from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/** The co-design commitments (issue 13 §5): Police's account and each partner's assessment, recorded per partner. */

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  server = await inProcessServer({ QUOTA_PLANS_PER_HOUR: '0', QUOTA_SNAPSHOTS_PER_HOUR: '0' })
})
afterEach(() => pool.destroyAll())
afterAll(async () => {
  await server.close()
})

/** A plan with a Police facilitator, an iwi viewer who speaks for Ngāti Awa, and an agency editor who does not. */
async function plan() {
  const { api: facilitator, planId } = await facilitatorWithPlan(server.url)
  const iwi = await new ApiClient(server.url).register('Aroha')
  const silent = await new ApiClient(server.url).register('Sam')
  await facilitator.invite(planId, iwi, 'viewer', 'iwi', 'Ngāti Awa')
  const invite = await facilitator.request<{ code: string }>('POST', `/api/plans/${planId}/invites`, {
    role: 'editor',
    affiliation: 'agency',
    organisation: 'Oranga Tamariki',
    speaksFor: false,
  })
  expect((await silent.request('POST', `/api/invites/${invite.body.code}/accept`)).status).toBe(200)
  return { planId, facilitator, iwi, silent }
}

const put = (api: ApiClient, planId: string, commitment: string, body: unknown) =>
  api.request<CommitmentRecord>('PUT', `/api/plans/${planId}/commitments/${commitment}`, body)

describe('commitments', () => {
  it('Police write their account and a partner its assessment, each for the partner the server knows them by', async () => {
    const { planId, facilitator, iwi } = await plan()
    const client = await pool.join(iwi, server.wsUrl, planId)
    const account = await put(facilitator, planId, 'te-tiriti', { text: 'We hold every hui on the marae, as agreed.' })
    expect(account.status).toBe(200)
    expect(account.body).toMatchObject({
      commitment: 'te-tiriti',
      affiliation: 'police',
      partner: partnerKey('police', null),
      name: 'Mere Facilitator',
      huiId: null,
    })
    // A viewer who speaks for their partner writes its assessment.
    const assessment = await put(iwi, planId, 'te-tiriti', { text: '  Mostly; the last hui was moved without asking.  ' })
    expect(assessment.status).toBe(200)
    expect(assessment.body).toMatchObject({
      affiliation: 'iwi',
      organisation: 'Ngāti Awa',
      partner: partnerKey('iwi', 'Ngāti Awa'),
      name: 'Aroha',
      text: 'Mostly; the last hui was moved without asking.',
    })
    await waitFor(() => allCommitments(client.doc).length === 2, { message: 'both records arrive live' })
    expect(allCommitments(client.doc).map((r) => r.affiliation)).toEqual(['police', 'iwi'])

    // Writing again replaces the partner's record; it does not add one.
    expect((await put(iwi, planId, 'te-tiriti', { text: 'Better since the last hui.' })).status).toBe(200)
    const exported = (await facilitator.request<{ plan: PlanJson }>('GET', `/api/plans/${planId}/export.json`)).body.plan
    expect(exported.commitments.map((r) => [r.affiliation, r.text])).toEqual([
      ['police', 'We hold every hui on the marae, as agreed.'],
      ['iwi', 'Better since the last hui.'],
    ])

    expect((await iwi.request('DELETE', `/api/plans/${planId}/commitments/te-tiriti`)).status).toBe(204)
    await waitFor(() => allCommitments(client.doc).length === 1, { message: 'withdrawal arrives live' })
    // Withdrawing the caller's partner's record never touches another partner's.
    expect(allCommitments(client.doc)[0]!.affiliation).toBe('police')
  })

  it('the body cannot name a partner, person or hui; a member who does not speak for their partner gets 403; others 404', async () => {
    const { planId, iwi, silent } = await plan()
    const forged = await put(iwi, planId, 'sharing', { text: 'Police share everything.', partner: partnerKey('police', null) })
    expect(forged.status).toBe(400)
    for (const extra of [{ affiliation: 'police' }, { name: 'Forged' }, { huiId: 'hui' }]) {
      expect((await put(iwi, planId, 'sharing', { text: 'x', ...extra })).status).toBe(400)
    }
    expect((await put(silent, planId, 'sharing', { text: 'We share data monthly.' })).status).toBe(403)
    expect((await silent.request('DELETE', `/api/plans/${planId}/commitments/sharing`)).status).toBe(403)
    const outsider = await new ApiClient(server.url).register('Outsider')
    expect((await put(outsider, planId, 'sharing', { text: 'x' })).status).toBe(404)
    const unknown = await put(iwi, planId, 'not-a-commitment', { text: 'x' })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } })
    expect((await put(iwi, planId, 'sharing', { text: '   ' })).status).toBe(400)
    expect((await put(iwi, planId, 'sharing', { text: 'x'.repeat(4001) })).status).toBe(400)
  })

  it('a record written during a hui is reviewed at it and in its minutes', async () => {
    const { planId, facilitator, iwi } = await plan()
    const hui = await facilitator.request<HuiStateResult>('POST', `/api/plans/${planId}/hui/start`, {})
    expect(hui.status).toBe(200)
    const written = await put(iwi, planId, 'whanau-centre', { text: 'Whānau were at the table this time.' })
    expect(written.body.huiId).toBe(hui.body.huiId)
    const ended = await facilitator.request<HuiEndResult>('POST', `/api/plans/${planId}/hui/end`)
    expect(ended.status).toBe(200)
    const atEnd = (await facilitator.request<PlanJson>('GET', `/api/plans/${planId}/snapshots/${ended.body.snapshot.id}`)).body
    expect(minutesOf(atEnd, hui.body.huiId!).commitments.map((r) => [r.commitment, r.name])).toEqual([['whanau-centre', 'Aroha']])
    // After the hui a new record carries no hui.
    expect((await put(iwi, planId, 'whanau-centre', { text: 'Still so.' })).body.huiId).toBeNull()
  })
})
