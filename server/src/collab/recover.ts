import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import type { Logger } from '../log'
import type { DocStore, StoredDoc } from './doc-store'
import type { QuarantineSink, AuditSink } from './engine-hooks'

/** How long the re-encoding worker may run before it is given up on. */
export const RECOVER_TIMEOUT_MS = 30_000

/**
 * Stack of the re-encoding thread. A rich-text element nested 5,000 deep whose outer element
 * was deleted overflows the main thread's ~1 MB stack while Yjs deletes and collects it
 * recursively; 256 MB takes nesting hundreds of times deeper.
 */
const WORKER_STACK_MB = 256

export interface RecoverDeps {
  store: DocStore
  quarantine: QuarantineSink
  audit: AuditSink
  log: Logger
  now: () => number
  /** Re-encodes in a large stack; reencodeInWorker unless a test swaps it. */
  reencode?: (stored: StoredDoc) => Promise<Uint8Array>
}

export interface Recovered {
  how: 'reencoded' | 'snapshot'
  snapshotId?: string
  /** Quarantine rows holding the original state and updates. */
  quarantined: string[]
  /** What the plan now holds in storage: one state, no updates. */
  stored: StoredDoc
}

/**
 * Opens a plan whose stored state throws while loading (plans damaged before updates were
 * scanned: a compacted state holding deep nesting whose outer element was deleted). First
 * the state and updates are re-encoded in a worker thread with a large stack, where the
 * deleted structure is garbage-collected into GC structs that load with a normal stack; if
 * that fails, the newest snapshot that loads becomes the state. The original bytes are set
 * aside (quarantined, reason 'unloadable-state') before storage is overwritten, and the
 * recovery is recorded in the plan's audit log ('plan.recovered') for its members to see.
 * Throws when neither way yields a state that loads.
 */
export async function recoverPlan(planId: string, stored: StoredDoc, deps: RecoverDeps): Promise<Recovered> {
  const log = deps.log.child({ planId })
  let state: Uint8Array | null = null
  let how: Recovered['how'] = 'reencoded'
  let snapshotId: string | undefined
  try {
    const reencoded = await (deps.reencode ?? reencodeInWorker)(stored)
    if (loads(reencoded)) state = reencoded
    else log.error({ event: 'plan.recover_reencode_unloadable' }, 're-encoded state still does not load')
  } catch (error) {
    log.error({ event: 'plan.recover_reencode_failed', err: error }, 'could not re-encode the stored state')
  }
  if (!state) {
    for (const meta of await deps.store.listSnapshots(planId)) {
      const snapshot = await deps.store.getSnapshot(planId, meta.id)
      if (snapshot && loads(snapshot.state)) {
        state = snapshot.state
        how = 'snapshot'
        snapshotId = snapshot.id
        break
      }
    }
  }
  if (!state) throw new Error(`plan ${planId} cannot be recovered: no re-encoded state or snapshot loads`)

  const at = deps.now()
  const quarantined: string[] = []
  if (stored.state)
    quarantined.push(await deps.quarantine({ docId: planId, userId: null, reason: 'unloadable-state', data: stored.state, at }))
  for (const update of stored.updates) {
    quarantined.push(await deps.quarantine({ docId: planId, userId: null, reason: 'unloadable-state', data: update, at }))
  }
  await deps.store.compact(planId, state, stored.lastSeq, at)
  const details = { how, ...(snapshotId ? { snapshotId } : {}), quarantined }
  await deps.audit({ planId, actorId: null, event: 'plan.recovered', details, at })
  log.warn({ event: 'plan.recovered', ...details, bytes: state.byteLength }, 'recovered a plan whose stored state could not be loaded')
  return { how, snapshotId, quarantined, stored: { state, updates: [], lastSeq: stored.lastSeq } }
}

/** Whether a state applies to a fresh document on this thread without throwing. */
export function loads(state: Uint8Array): boolean {
  const doc = new Y.Doc({ gc: true })
  try {
    Y.applyUpdate(doc, state)
    return doc.store.pendingStructs === null && doc.store.pendingDs === null
  } catch {
    return false
  } finally {
    doc.destroy()
  }
}

/**
 * Applies a stored state and its updates to a document in a worker thread with a large
 * stack and returns Y.encodeStateAsUpdate of it. Bounded by RECOVER_TIMEOUT_MS.
 */
export function reencodeInWorker(stored: StoredDoc, timeoutMs = RECOVER_TIMEOUT_MS): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./recover-worker.mjs', import.meta.url), {
      workerData: { state: stored.state, updates: stored.updates },
      resourceLimits: { stackSizeMb: WORKER_STACK_MB },
    })
    const timer = setTimeout(() => finish(new Error(`re-encoding took longer than ${timeoutMs} ms`)), timeoutMs)
    let done = false
    function finish(error: Error | null, state?: Uint8Array): void {
      if (done) return
      done = true
      clearTimeout(timer)
      void worker.terminate()
      if (error) reject(error)
      else resolve(state!)
    }
    worker.once('message', (message: { ok: true; state: Uint8Array } | { ok: false; error: string }) => {
      if (message.ok) finish(null, new Uint8Array(message.state))
      else finish(new Error(message.error))
    })
    worker.once('error', (error) => finish(error))
    worker.once('exit', (code) => finish(new Error(`re-encoding worker exited with ${code}`)))
  })
}
