import { Worker } from 'node:worker_threads'
import { PIECE_WEIGHT } from './update-split.mjs'

/**
 * Splits large device updates into pieces in a worker thread (update-split.mjs), so that
 * decoding several MiB never runs on the event loop that serves every plan. The room then
 * checks and applies the pieces one per turn (PlanRoom.integrateInPieces).
 */
export interface UpdateSplitter {
  /** The pieces, in the order they apply (one: the update whole), or why it is refused. Rejects when the worker fails. */
  split(update: Uint8Array): Promise<SplitResult>
  close(): Promise<void>
}

export type SplitResult =
  | { pieces: Uint8Array[] }
  /** Not an update (closed as malformed, 4400), or structs that wait on each other in a circle, which Yjs never encodes (4422). */
  | { refused: 'undecodable' | 'unorderable'; reason: string }

/** How long a split may take before the update is applied whole instead. */
const SPLIT_TIMEOUT_MS = 30_000

type Answer =
  | { id: number; whole: true }
  | { id: number; pieces: Uint8Array[] }
  | { id: number; refused: 'undecodable' | 'unorderable'; message?: string }
  | { id: number; error: string }

interface Waiting {
  update: Uint8Array
  resolve(result: SplitResult): void
  reject(error: Error): void
  timer: NodeJS.Timeout
}

/** One worker, started on first use and kept (unreferenced: it never holds the process open). */
export function workerSplitter(options: { maxWeight?: number; timeoutMs?: number } = {}): UpdateSplitter {
  const maxWeight = options.maxWeight ?? PIECE_WEIGHT
  const timeoutMs = options.timeoutMs ?? SPLIT_TIMEOUT_MS
  let worker: Worker | undefined
  let nextId = 1
  const waiting = new Map<number, Waiting>()

  const failAll = (error: Error) => {
    for (const w of waiting.values()) {
      clearTimeout(w.timer)
      w.reject(error)
    }
    waiting.clear()
  }
  const start = (): Worker => {
    if (worker) return worker
    const started = new Worker(new URL('./update-split-worker.mjs', import.meta.url))
    started.on('message', (answer: Answer) => {
      const w = waiting.get(answer.id)
      if (!w) return
      waiting.delete(answer.id)
      clearTimeout(w.timer)
      if ('error' in answer) w.reject(new Error(`splitting the update failed: ${answer.error}`))
      else if ('refused' in answer) {
        const reason =
          answer.refused === 'undecodable'
            ? `the update cannot be decoded: ${answer.message}`
            : 'structs that wait on each other in a circle'
        w.resolve({ refused: answer.refused, reason })
      } else w.resolve({ pieces: 'whole' in answer ? [w.update] : answer.pieces })
    })
    started.on('error', (error) => {
      if (worker === started) worker = undefined
      failAll(error)
    })
    started.on('exit', (code) => {
      if (worker === started) worker = undefined
      failAll(new Error(`update splitting worker stopped (${code})`))
    })
    // After the listeners: adding a 'message' listener refs the worker's port again.
    started.unref()
    worker = started
    return started
  }

  return {
    split(update) {
      return new Promise((resolve, reject) => {
        const id = nextId++
        const timer = setTimeout(() => {
          waiting.delete(id)
          reject(new Error(`splitting the update took over ${timeoutMs} ms`))
          // A worker that slow is stuck: the next split starts a fresh one.
          const stuck = worker
          worker = undefined
          void stuck?.terminate()
        }, timeoutMs)
        timer.unref()
        waiting.set(id, { update, resolve, reject, timer })
        start().postMessage({ id, update, maxWeight })
      })
    },
    async close() {
      const stopping = worker
      worker = undefined
      if (stopping) await stopping.terminate()
    },
  }
}
