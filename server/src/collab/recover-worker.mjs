// Re-encodes a plan's stored state in a thread with a large stack (see recover.ts).
// Plain JavaScript so it runs the same under `node --import tsx` and under vitest.
import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'

const { state, updates } = workerData
const doc = new Y.Doc({ gc: true })
try {
  Y.transact(doc, () => {
    if (state) Y.applyUpdate(doc, state)
    for (const update of updates) Y.applyUpdate(doc, update)
  })
  // Deleted content is garbage-collected into GC structs above: the deep structure that
  // overflowed the main thread's stack is gone from what is encoded here.
  const encoded = Y.encodeStateAsUpdate(doc)
  parentPort.postMessage({ ok: true, state: encoded }, [encoded.buffer])
} catch (error) {
  parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) })
} finally {
  doc.destroy()
}
