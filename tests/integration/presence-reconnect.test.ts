import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MessageType } from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { connectPlan, type PlanClient } from './support/yclient'

/**
 * The stock WebsocketProvider keeps its awareness client id when it reconnects (a new ticket,
 * the same provider). The server retires the id of a socket that left, so that others' echoes
 * cannot revive it; the same person reconnecting must get it back, and everyone must see them.
 */

let server: Awaited<ReturnType<typeof inProcessServer>>
let mover: PlanClient
let watcher: PlanClient
let api: ApiClient
let planId: string

beforeAll(async () => {
  server = await inProcessServer()
  ;({ api, planId } = await facilitatorWithPlan(server.url))
  const other = await new ApiClient(server.url).register('Hēmi Watcher')
  await api.invite(planId, other, 'editor')
  mover = await connectPlan(api, server.wsUrl, planId)
  watcher = await connectPlan(other, server.wsUrl, planId)
  await mover.synced()
  await watcher.synced()
})
afterAll(async () => {
  mover.destroy()
  watcher.destroy()
  await server.close()
})

function seenStep(): unknown {
  const state = watcher.provider.awareness.getStates().get(mover.doc.clientID) as { step?: string; user?: { id?: string } } | undefined
  return state?.user?.id === api.user!.id ? state.step : undefined
}

describe('presence after a reconnect with the stock provider', () => {
  it('comes back for the others, under the same awareness id', async () => {
    mover.provider.awareness.setLocalStateField('step', 'environment')
    await waitFor(() => seenStep() === 'environment', { message: 'the mover present' })

    mover.provider.disconnect()
    await waitFor(() => !watcher.provider.awareness.getStates().has(mover.doc.clientID), { message: 'the mover gone' })

    mover.provider.params = { ...mover.provider.params, ticket: await api.ticket(planId) }
    mover.provider.connect()
    await waitFor(() => mover.provider.synced, { message: 'the mover synced again' })
    await waitFor(() => seenStep() === 'environment', { message: 'the mover present again', timeoutMs: 5_000 })

    // And what they publish afterwards keeps arriving.
    mover.provider.awareness.setLocalStateField('step', 'actions')
    await waitFor(() => seenStep() === 'actions', { message: 'the mover moved', timeoutMs: 5_000 })
  })

  it('does not let someone else claim the id of a person who left', async () => {
    const id = mover.doc.clientID
    mover.provider.disconnect()
    await waitFor(() => !watcher.provider.awareness.getStates().has(id), { message: 'the mover gone' })
    await waitFor(() => !server.engine.registry.loaded(planId)?.awareness.getStates().has(id), {
      message: 'the mover gone from the server',
    })
    // Another person's socket publishing a state under that id must not revive it.
    const forged = encoding.createEncoder()
    encoding.writeVarUint(forged, MessageType.Awareness)
    const entry = encoding.createEncoder()
    encoding.writeVarUint(entry, 1)
    encoding.writeVarUint(entry, id)
    encoding.writeVarUint(entry, 1_000)
    encoding.writeVarString(entry, JSON.stringify({ step: 'forged' }))
    encoding.writeVarUint8Array(forged, encoding.toUint8Array(entry))
    watcher.provider.ws!.send(encoding.toUint8Array(forged))
    watcher.provider.awareness.setLocalStateField('step', 'monitoring')
    await waitFor(
      () =>
        (server.engine.registry.loaded(planId)?.awareness.getStates().get(watcher.doc.clientID) as { step?: string } | undefined)?.step ===
        'monitoring',
      { message: 'the watcher present on the server' },
    )
    expect(server.engine.registry.loaded(planId)!.awareness.getStates().has(id)).toBe(false)
  })
})
