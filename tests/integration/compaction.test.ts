import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFocusArea, getFocusArea } from '@hononga/shared'
import { ApiClient } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { connectPlan, type PlanClient } from './support/yclient'

let server: Awaited<ReturnType<typeof inProcessServer>>
beforeAll(async () => {
  // Compaction after 50 updates, but never twice within 5 s for one plan.
  server = await inProcessServer({ COMPACT_MAX_UPDATES: '50', COMPACT_MIN_INTERVAL_MS: '5000' })
})
afterAll(async () => {
  await server?.close()
})

/** Types `count` characters, each its own update, and waits until all of them are stored. */
async function type(client: PlanClient, title: Y.Text, count: number): Promise<void> {
  const target = server.engine.stats().updatesAppended + count
  for (let i = 0; i < count; i++) title.insert(title.length, 'a')
  await waitFor(() => server.engine.stats().updatesAppended >= target, { message: `${count} updates stored` })
}

describe('compaction', () => {
  it('folds the log at COMPACT_MAX_UPDATES, at most once per COMPACT_MIN_INTERVAL_MS, and loses nothing', async () => {
    const api = await new ApiClient(server.url).register('Mere Facilitator')
    const planId = await api.createPlan()
    const writer = await connectPlan(api, server.wsUrl, planId)
    await writer.synced()
    const id = addFocusArea(writer.doc, { title: '' })
    const title = getFocusArea(writer.doc, id)!.title
    const before = server.engine.stats().compactions

    await type(writer, title, 60)
    await waitFor(() => server.engine.stats().compactions === before + 1, { message: 'first compaction' })
    // Another 60 right away: due, but within the interval, so it waits.
    await type(writer, title, 60)
    expect(server.engine.stats().compactions).toBe(before + 1)
    await waitFor(() => server.engine.stats().compactions === before + 2, { message: 'the compaction that waited', timeoutMs: 20_000 })

    // A client that joins now gets everything from the compacted state (which the server
    // keeps encoded while the plan does not change)...
    const reader = await connectPlan(api, server.wsUrl, planId)
    await waitFor(() => getFocusArea(reader.doc, id)?.title.toString() === 'a'.repeat(120), { message: 'all 120 characters' })
    // ...and one that joins after a further edit gets that edit too.
    await type(writer, title, 5)
    const later = await connectPlan(api, server.wsUrl, planId)
    await waitFor(() => getFocusArea(later.doc, id)?.title.toString() === 'a'.repeat(125), { message: 'all 125 characters' })
    for (const client of [reader, later, writer]) client.destroy()
  })
})
