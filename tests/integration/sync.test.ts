import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addFocusArea, getFocusArea, listFocusAreas, replaceText, toPlanJson, type FocusAreaId } from '@hononga/shared'
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

const join = (api: ApiClient, planId: string) => pool.join(api, server.wsUrl, planId)

const same = (a: Y.Doc, b: Y.Doc) => JSON.stringify(toPlanJson(a)) === JSON.stringify(toPlanJson(b))

describe('sync with the stock y-websocket client', () => {
  it('serves the plan created on the server at the first sync (no empty first sync)', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const client = await join(api, planId)
    expect(toPlanJson(client.doc).meta).toMatchObject({
      title: 'Whakatāne community plan',
      community: 'Whakatāne',
      district: 'Bay of Plenty',
    })
  })

  it('converges concurrent edits from several people, and a late joiner gets everything', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const partner = await new ApiClient(server.url).register('Hemi Partner')
    await api.invite(planId, partner, 'editor')
    const a = await join(api, planId)
    const b = await join(partner, planId)

    const fromA = addFocusArea(a.doc, { title: 'Methamphetamine harm in whānau' })
    const fromB = addFocusArea(b.doc, { title: 'Youth recruitment into gangs' })
    await waitFor(() => listFocusAreas(a.doc).length === 2 && listFocusAreas(b.doc).length === 2, {
      message: 'both focus areas everywhere',
    })

    // Both type into the same title at once.
    const titleA = getFocusArea(a.doc, fromA)!.title
    const titleB = getFocusArea(b.doc, fromA)!.title
    titleA.insert(0, 'Kāinga: ')
    titleB.insert(titleB.length, ' (Te Teko)')
    replaceText(getFocusArea(b.doc, fromB as FocusAreaId)!.title, 'Youth recruitment')
    await waitFor(() => same(a.doc, b.doc) && getFocusArea(a.doc, fromA)!.title.toString().includes('Te Teko'), { message: 'convergence' })
    expect(getFocusArea(a.doc, fromA)!.title.toString()).toBe('Kāinga: Methamphetamine harm in whānau (Te Teko)')

    const late = await join(api, planId)
    await waitFor(() => same(late.doc, a.doc), { message: 'late joiner' })
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(a.doc))
  })

  it('shows presence with the identity the server knows, whatever the client claims', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const partner = await new ApiClient(server.url).register('Hemi Partner')
    await api.invite(planId, partner, 'viewer', 'agency', 'Ministry of Social Development')
    const a = await join(api, planId)
    const b = await join(partner, planId)
    b.provider.awareness.setLocalStateField('user', { name: 'Commissioner of Police', color: '#12ab34', id: 'someone-else' })
    b.provider.awareness.setLocalStateField('step', 'focus-areas')
    const seen = await waitFor(
      () =>
        [...a.provider.awareness.getStates().values()].find((s) => (s as { step?: string }).step === 'focus-areas') as
          { user: Record<string, unknown> } | undefined,
      { message: 'presence of b at a' },
    )
    expect(seen.user).toEqual({
      id: partner.user!.id,
      name: 'Hemi Partner',
      role: 'viewer',
      affiliation: 'agency',
      organisation: 'Ministry of Social Development',
      color: '#12ab34',
    })
    b.destroy()
    await waitFor(() => [...a.provider.awareness.getStates().values()].every((s) => (s as { step?: string }).step !== 'focus-areas'), {
      message: 'presence removed when b leaves',
    })
  })
})
