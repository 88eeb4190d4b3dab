// Estimates password strength with zxcvbn-ts, off the event loop (see password-policy.ts).
// Plain JavaScript so it runs the same under `node --import tsx` and under vitest.
// The dictionaries (about 170 ms and some MiB to build) are loaded once, when the first
// password of the process is checked.
import { parentPort, workerData } from 'node:worker_threads'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as en from '@zxcvbn-ts/language-en'

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
  // Characters beyond this are not examined: matching grows faster than linearly with length.
  maxLength: workerData.maxLength,
})

parentPort.on('message', ({ id, password, userInputs }) => {
  try {
    const result = zxcvbn.check(password, userInputs)
    parentPort.postMessage({
      id,
      score: result.score,
      warning: result.feedback.warning,
      suggestions: result.feedback.suggestions,
      calcTimeMs: result.calcTime,
    })
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
