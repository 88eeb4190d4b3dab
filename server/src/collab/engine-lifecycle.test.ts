import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { getPlanMeta } from '@hononga/shared'
import { MemoryDocStore } from './memory-doc-store'
import { memoryEngine, type MemoryEngine } from './testing/memory-engine'
import { editor, until, updateFrame } from './testing/memory-socket'

/**
 * The engine's lifecycle in memory (no ports, no SQLite): plans loading and unloading in
 * the registry, the hooks server.ts composes, and their timing on a manual clock.
 */

/** A MemoryDocStore that records the order of loads and compactions, whose compactions can be held. */
class RecordingStore extends MemoryDocStore {
  readonly events: string[] = []
  private held: Promise<void> | null = null
  private releaseHeld: () => void = () => {}

  holdCompactions(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve))
  }

  letCompactionsFinish(): void {
    this.held = null
    this.releaseHeld()
  }

  override async load(docId: string) {
    this.events.push('load')
    return super.load(docId)
  }

  override async compact(docId: string, state: Uint8Array, through: number): Promise<void> {
    this.events.push('compact:start')
    await this.held
    await super.compact(docId, state, through)
    this.events.push('compact:end')
  }
}

const PLAN = 'plan-lifecycle'

/** Gives pending async work `count` turns of the event loop to happen (when testing that it does not). */
async function turns(count = 20): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve))
}
const titleOf = (doc: Y.Doc) => getPlanMeta(doc).title?.toString()

/** An edit of the plan's title, made on a copy of the plan's stored state. */
async function titleEdit(store: MemoryDocStore, title: string): Promise<Uint8Array> {
  const stored = (await store.load(PLAN))!
  const device = new Y.Doc()
  if (stored.state) Y.applyUpdate(device, stored.state)
  for (const update of stored.updates) Y.applyUpdate(device, update)
  const before = Y.encodeStateVector(device)
  const meta = getPlanMeta(device).title!
  device.transact(() => {
    meta.delete(0, meta.length)
    meta.insert(0, title)
  })
  return Y.encodeStateAsUpdate(device, before)
}

describe('CollabEngine lifecycle', () => {
  let running: MemoryEngine | undefined
  afterEach(async () => {
    await running?.engine.close()
    running = undefined
  })

  async function start(store: MemoryDocStore, settings: Parameters<typeof memoryEngine>[1] = {}) {
    running = memoryEngine(store, settings)
    await running.engine.createPlanDocument(PLAN, { title: 'Mahere', community: 'Kaitaia', district: null })
    return running
  }

  /** Connects, edits the title, waits for the acknowledgement, and leaves. */
  async function editAndLeave(t: MemoryEngine, store: MemoryDocStore, title: string): Promise<void> {
    const socket = t.connect(PLAN, editor('writer'))
    await until(() => socket.sent.some((frame) => frame.kind === 'step1'), 'the sync started')
    socket.deliver(updateFrame(await titleEdit(store, title)))
    await until(() => socket.acks.includes(1), 'the edit acknowledged')
    socket.hangUp()
    // The last one out takes a snapshot in the background; then nothing holds the plan.
    await until(() => t.engine.registry.loaded(PLAN)?.refs === 0, 'the plan unreferenced')
  }

  it('unloads a plan once PLAN_IDLE_UNLOAD_MS passes unused, compacted and with its plans row derived', async () => {
    const store = new RecordingStore()
    const t = await start(store, { planIdleUnloadMs: 10_000 })
    await editAndLeave(t, store, 'Mahere hou')

    t.clock.advance(9_999)
    await turns()
    expect(t.engine.registry.loaded(PLAN)).toBeDefined()
    expect(store.events).not.toContain('compact:start')

    t.clock.advance(1)
    await until(() => !t.engine.registry.isResident(PLAN), 'the plan unloaded')
    expect(store.events).toContain('compact:end')
    const stored = (await store.load(PLAN))!
    expect(stored.updates).toEqual([])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored.state!)
    expect(titleOf(doc)).toBe('Mahere hou')
    expect(t.derived).toEqual([PLAN])
  })

  it('serialises unload and load: a plan asked for while unloading loads afresh once the unload has stored everything', async () => {
    const store = new RecordingStore()
    const t = await start(store, { planIdleUnloadMs: 1_000 })
    await editAndLeave(t, store, 'I mua i te wehe')
    const first = t.engine.registry.loaded(PLAN)!

    store.holdCompactions()
    t.clock.advance(1_000)
    await until(() => store.events.includes('compact:start'), 'the unload compacting')
    store.events.length = 0
    let second: Awaited<ReturnType<typeof t.engine.registry.acquire>> | undefined
    const acquiring = t.engine.registry.acquire(PLAN).then((room) => (second = room))
    try {
      // The unload cannot finish while its compaction is held: give the acquire turns to go wrong in.
      await turns()
      expect(second).toBeUndefined()
      expect(store.events).toEqual([])
    } finally {
      store.letCompactionsFinish()
    }
    await acquiring
    expect(store.events).toEqual(['compact:end', 'load'])
    expect(second).not.toBe(first)
    expect(first.destroyed).toBe(true)
    expect(titleOf(second!.doc)).toBe('I mua i te wehe')
    t.engine.registry.release(second!)
  })

  it('compacts an edited plan after COMPACT_IDLE_MS on the injected clock', async () => {
    const store = new RecordingStore()
    const t = await start(store, { compactIdleMs: 30_000, planIdleUnloadMs: 600_000 })
    await editAndLeave(t, store, 'Ka noho')
    expect(t.engine.stats().compactions).toBe(0)

    t.clock.advance(29_999)
    await turns()
    expect(store.events).not.toContain('compact:start')
    t.clock.advance(1)
    await until(() => t.engine.stats().compactions === 1, 'the idle compaction')
    expect(t.engine.registry.isResident(PLAN)).toBe(true)
    expect((await store.load(PLAN))!.updates).toEqual([])
  })
})
