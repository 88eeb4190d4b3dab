import { describe, expect, it } from 'vitest'
import type { DocStore } from './doc-store'

/**
 * The DocStore contract: one suite that every implementation must pass. Call it from a
 * `*.test.ts` file with a factory that returns a fresh, empty store.
 */
export function docStoreContract(name: string, makeStore: () => Promise<{ store: DocStore; cleanup?: () => void }>) {
  const bytes = (...values: number[]) => new Uint8Array(values)

  describe(`DocStore contract: ${name}`, () => {
    it('returns null for a document that does not exist', async () => {
      const { store, cleanup } = await makeStore()
      expect(await store.load('missing')).toBeNull()
      cleanup?.()
    })

    it('loads the created state, then appended updates in order', async () => {
      const { store, cleanup } = await makeStore()
      await store.create('p1', bytes(1, 2, 3), 1)
      const last = await store.appendBatch(
        [
          { docId: 'p1', update: bytes(10) },
          { docId: 'p2', update: bytes(20) },
          { docId: 'p1', update: bytes(11) },
        ],
        2,
      )
      const p1 = await store.load('p1')
      expect(p1?.state).toEqual(bytes(1, 2, 3))
      expect(p1?.updates).toEqual([bytes(10), bytes(11)])
      expect(p1?.lastSeq).toBe(last.get('p1'))
      expect((await store.load('p2'))?.updates).toEqual([bytes(20)])
      expect(last.get('p1')!).toBeGreaterThan(last.get('p2')!)
      cleanup?.()
    })

    it('refuses to create a document twice', async () => {
      const { store, cleanup } = await makeStore()
      await store.create('p1', bytes(1), 1)
      await expect(store.create('p1', bytes(2), 1)).rejects.toThrow()
      expect((await store.load('p1'))?.state).toEqual(bytes(1))
      cleanup?.()
    })

    it('compacts exactly the updates folded in and keeps later ones', async () => {
      const { store, cleanup } = await makeStore()
      await store.create('p1', bytes(0), 1)
      const first = await store.appendBatch(
        [
          { docId: 'p1', update: bytes(1) },
          { docId: 'p1', update: bytes(2) },
        ],
        2,
      )
      const through = first.get('p1')!
      const later = await store.appendBatch([{ docId: 'p1', update: bytes(3) }], 3)
      await store.compact('p1', bytes(9, 9), through, 4)
      const loaded = await store.load('p1')
      expect(loaded?.state).toEqual(bytes(9, 9))
      expect(loaded?.updates).toEqual([bytes(3)])
      expect(loaded?.lastSeq).toBe(later.get('p1'))
      // Compacting everything leaves the state alone, with lastSeq still monotonic.
      await store.compact('p1', bytes(7), later.get('p1')!, 5)
      const again = await store.load('p1')
      expect(again).toEqual({ state: bytes(7), updates: [], lastSeq: later.get('p1') })
      const next = await store.appendBatch([{ docId: 'p1', update: bytes(4) }], 6)
      expect(next.get('p1')!).toBeGreaterThan(later.get('p1')!)
      cleanup?.()
    })

    it('does not touch other documents when compacting or deleting', async () => {
      const { store, cleanup } = await makeStore()
      await store.create('a', bytes(1), 1)
      await store.create('b', bytes(2), 1)
      const seqs = await store.appendBatch(
        [
          { docId: 'a', update: bytes(3) },
          { docId: 'b', update: bytes(4) },
        ],
        2,
      )
      await store.compact('a', bytes(5), seqs.get('b')!, 3)
      expect((await store.load('b'))?.updates).toEqual([bytes(4)])
      await store.delete('a')
      expect(await store.load('a')).toBeNull()
      expect((await store.load('b'))?.state).toEqual(bytes(2))
      cleanup?.()
    })

    it('saves, lists (newest first) and reads snapshots; tells the latest marker', async () => {
      const { store, cleanup } = await makeStore()
      await store.create('p1', bytes(1), 1)
      expect(await store.latestSnapshotMarker('p1')).toBeNull()
      const base = { docId: 'p1', createdBy: 'u1' } as const
      await store.saveSnapshot({ ...base, id: 's1', kind: 'auto', label: 'Auto', state: bytes(1), marker: bytes(11), createdAt: 10 })
      await store.saveSnapshot({
        ...base,
        id: 's2',
        kind: 'named',
        label: 'Agreed at hui, 12 March',
        state: bytes(2),
        marker: bytes(12),
        createdAt: 20,
      })
      const list = await store.listSnapshots('p1')
      expect(list.map((s) => s.id)).toEqual(['s2', 's1'])
      expect(list[0]).toEqual({ ...base, id: 's2', kind: 'named', label: 'Agreed at hui, 12 March', createdAt: 20 })
      expect((await store.getSnapshot('p1', 's1'))?.state).toEqual(bytes(1))
      expect(await store.getSnapshot('other', 's1')).toBeNull()
      expect(await store.latestSnapshotMarker('p1')).toEqual(bytes(12))
      cleanup?.()
    })

    it('stores an idempotency key with its update, or on its own; the first answer stands; old keys are pruned', async () => {
      const { store, cleanup } = await makeStore()
      await store.create('p1', bytes(1), 1)
      const answer = {
        userId: 'u1',
        key: 'key-00001',
        planId: 'p1',
        command: 'POST /api/plans/p1/comments',
        status: 201,
        body: '{"id":"t1"}',
      }
      expect(await store.findIdempotency('u1', 'key-00001')).toBeNull()
      await store.appendBatch([{ docId: 'p1', update: bytes(2), idempotency: answer }], 10)
      expect(await store.findIdempotency('u1', 'key-00001')).toEqual(answer)
      // Another person's key of the same text is another key.
      expect(await store.findIdempotency('u2', 'key-00001')).toBeNull()
      await store.saveIdempotency({ ...answer, body: 'second' }, 20)
      expect((await store.findIdempotency('u1', 'key-00001'))?.body).toBe('{"id":"t1"}')
      await store.saveIdempotency({ ...answer, key: 'key-00002', status: 204, body: '' }, 30)
      expect(await store.pruneIdempotency(25)).toBe(1)
      expect(await store.findIdempotency('u1', 'key-00001')).toBeNull()
      expect((await store.findIdempotency('u1', 'key-00002'))?.status).toBe(204)
      cleanup?.()
    })

    it('keeps bytes exact, including large and empty updates', async () => {
      const { store, cleanup } = await makeStore()
      const big = new Uint8Array(256 * 1024).map((_, i) => (i * 31) & 0xff)
      await store.create('p1', new Uint8Array(0), 1)
      await store.appendBatch([{ docId: 'p1', update: big }], 2)
      const loaded = await store.load('p1')
      expect(loaded?.state).toEqual(new Uint8Array(0))
      // Buffer comparison: element-wise toEqual on 256 KiB takes most of a second.
      expect(Buffer.from(loaded!.updates[0]!).equals(Buffer.from(big))).toBe(true)
      cleanup?.()
    })
  })
}
