import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../log'
import type { AuditEntry, QuarantineEntry } from './engine-hooks'
import { MemoryDocStore } from './memory-doc-store'
import { loads, recoverPlan } from './recover'

/** A stored state holding rich text nested `depth` deep whose outer element is deleted, and a sound text. */
function damagedState(depth: number, text: string): Uint8Array {
  const doc = new Y.Doc({ gc: false })
  doc.getText('log').insert(0, text)
  let element = new Y.XmlElement('paragraph')
  doc.getXmlFragment('notes').insert(0, [element])
  const outer = element._item!.id
  for (let i = 0; i < depth; i++) {
    const child = new Y.XmlElement('paragraph')
    element.insert(0, [child])
    element = child
  }
  const deleteSet = encoding.createEncoder()
  for (const n of [0, 1, outer.client, 1, outer.clock, 1]) encoding.writeVarUint(deleteSet, n)
  const state = Y.mergeUpdates([Y.encodeStateAsUpdate(doc), encoding.toUint8Array(deleteSet)])
  doc.destroy()
  return state
}

function sinks() {
  const quarantined: QuarantineEntry[] = []
  const audits: AuditEntry[] = []
  return {
    quarantined,
    audits,
    quarantine: (entry: QuarantineEntry) => {
      quarantined.push(entry)
      return `q${quarantined.length}`
    },
    audit: (entry: AuditEntry) => void audits.push(entry),
  }
}

describe('recoverPlan', () => {
  const log = createLogger('silent')

  it('re-encodes a state that overflows the stack in a worker with a large stack', async () => {
    const store = new MemoryDocStore()
    const damaged = damagedState(5_000, 'kept words')
    expect(loads(damaged)).toBe(false)
    await store.create('p1', damaged)
    const stored = (await store.load('p1'))!
    const s = sinks()
    const recovered = await recoverPlan('p1', stored, { store, log, now: () => 5, quarantine: s.quarantine, audit: s.audit })
    expect(recovered.how).toBe('reencoded')
    expect(loads(recovered.stored.state!)).toBe(true)
    const after = (await store.load('p1'))!
    const doc = new Y.Doc()
    Y.applyUpdate(doc, after.state!)
    expect(doc.getText('log').toString()).toBe('kept words')
    expect(doc.getXmlFragment('notes').length).toBe(0)
    expect(s.quarantined.map((q) => q.reason)).toEqual(['unloadable-state'])
    expect(Array.from(s.quarantined[0]!.data)).toEqual(Array.from(damaged))
    expect(s.audits).toEqual([
      { planId: 'p1', actorId: null, event: 'plan.recovered', details: { how: 'reencoded', quarantined: ['q1'] }, at: 5 },
    ])
  })

  it('falls back to the newest snapshot that loads when re-encoding fails', async () => {
    const store = new MemoryDocStore()
    const good = new Y.Doc()
    good.getText('log').insert(0, 'from the snapshot')
    await store.create('p2', damagedState(100, 'lost'))
    const snapshot = Y.encodeStateAsUpdate(good)
    const marker = Y.encodeSnapshot(Y.snapshot(good))
    await store.saveSnapshot({
      id: 's-old',
      docId: 'p2',
      kind: 'auto',
      label: 'old',
      createdBy: null,
      createdAt: 1,
      state: snapshot,
      marker,
    })
    await store.saveSnapshot({
      id: 's-bad',
      docId: 'p2',
      kind: 'auto',
      label: 'bad',
      createdBy: null,
      createdAt: 2,
      state: damagedState(5_000, 'x'),
      marker,
    })
    const s = sinks()
    const recovered = await recoverPlan('p2', (await store.load('p2'))!, {
      store,
      log,
      now: () => 9,
      quarantine: s.quarantine,
      audit: s.audit,
      reencode: () => Promise.reject(new Error('worker failed')),
    })
    expect(recovered).toMatchObject({ how: 'snapshot', snapshotId: 's-old' })
    const doc = new Y.Doc()
    Y.applyUpdate(doc, (await store.load('p2'))!.state!)
    expect(doc.getText('log').toString()).toBe('from the snapshot')
    expect(s.audits[0]!.details).toEqual({ how: 'snapshot', snapshotId: 's-old', quarantined: ['q1'] })
  })

  it('gives up (throws) when nothing loads, leaving storage as it was', async () => {
    const store = new MemoryDocStore()
    const damaged = damagedState(5_000, 'x')
    await store.create('p3', damaged)
    const s = sinks()
    await expect(
      recoverPlan('p3', (await store.load('p3'))!, { store, log, now: () => 1, ...s, reencode: () => Promise.reject(new Error('no')) }),
    ).rejects.toThrow(/cannot be recovered/)
    expect(Array.from((await store.load('p3'))!.state!)).toEqual(Array.from(damaged))
    expect(s.quarantined).toEqual([])
  })
})
