// Splits large updates off the event loop (see update-splitter.ts). Plain JavaScript so it
// runs the same under `node --import tsx` and under vitest.
import { parentPort } from 'node:worker_threads'
import { splitUpdate, UndecodableUpdate } from './update-split.mjs'

parentPort.on('message', ({ id, update, maxWeight }) => {
  try {
    const pieces = splitUpdate(update, maxWeight)
    if (pieces === null) parentPort.postMessage({ id, refused: 'unorderable' })
    else if (pieces.length === 1) parentPort.postMessage({ id, whole: true })
    else
      parentPort.postMessage(
        { id, pieces },
        pieces.map((piece) => piece.buffer),
      )
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof UndecodableUpdate) parentPort.postMessage({ id, refused: 'undecodable', message })
    else parentPort.postMessage({ id, error: message })
  }
})
