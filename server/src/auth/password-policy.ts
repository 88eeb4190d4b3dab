import { Worker } from 'node:worker_threads'
import { AppError } from '../errors'

/**
 * The password policy: at least 10 characters (shared `Password`) and hard to guess, as
 * zxcvbn-ts estimates it with its common-password, English-word and keyboard-pattern
 * dictionaries and the person's own email and name. A length rule alone let "          ",
 * "password12" and "1234567890" through; a passphrase like "kahikatea rangi moana 42"
 * passes.
 *
 * zxcvbn's matching costs 5-40 ms for an ordinary password but a few hundred for long
 * patterned ones, so it runs in one worker thread, never on the event loop that carries
 * every plan's edits. The worker (and its dictionaries, about 170 ms to build) starts with
 * the first check.
 */

/** zxcvbn scores 0-4; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3

/**
 * Characters zxcvbn examines; a longer password is judged by its first 64. Matching grows
 * faster than the length: a patterned 64-character password costs about 300 ms, a
 * 200-character one several seconds.
 */
export const PASSWORD_CHECK_MAX_CHARS = 64

/** What zxcvbn made of a password. */
export interface PasswordAssessment {
  score: 0 | 1 | 2 | 3 | 4
  warning: string | null
  suggestions: string[]
  /** Time zxcvbn spent matching, in the worker. */
  calcTimeMs: number
}

interface WorkerAnswer extends Partial<PasswordAssessment> {
  id: number
  error?: string
}

interface Pending {
  resolve(assessment: PasswordAssessment): void
  reject(error: Error): void
}

let worker: Worker | undefined
let nextId = 1
const pending = new Map<number, Pending>()

function failAll(error: Error): void {
  for (const waiting of pending.values()) waiting.reject(error)
  pending.clear()
  worker = undefined
}

function strengthWorker(): Worker {
  if (worker) return worker
  const started = new Worker(new URL('./password-strength-worker.mjs', import.meta.url), {
    workerData: { maxLength: PASSWORD_CHECK_MAX_CHARS },
  })
  started.on('message', (answer: WorkerAnswer) => {
    const waiting = pending.get(answer.id)
    if (!waiting) return
    pending.delete(answer.id)
    if (answer.error !== undefined) waiting.reject(new Error(`password check failed: ${answer.error}`))
    else waiting.resolve(answer as PasswordAssessment)
  })
  started.on('error', (error) => failAll(error))
  started.on('exit', (code) => failAll(new Error(`password check worker stopped (${code})`)))
  // It must never keep a stopping server (or a test run) alive. After the listeners: adding a
  // 'message' listener refs the worker's port again.
  started.unref()
  worker = started
  return started
}

/** The words of a person's email and name, which their password should not be built from. */
export function personalWords(person: { email: string; name: string }): string[] {
  const email = person.email.toLowerCase()
  const words = [email, email.split('@')[0] ?? '', person.name.toLowerCase(), ...person.name.toLowerCase().split(/[\s._-]+/u), 'hononga']
  return [...new Set(words.filter((word) => word.length >= 3))]
}

/** Scores a password with zxcvbn-ts in the worker thread. */
export function assessPassword(password: string, userInputs: readonly string[]): Promise<PasswordAssessment> {
  return new Promise((resolve, reject) => {
    const id = nextId++
    pending.set(id, { resolve, reject })
    strengthWorker().postMessage({ id, password, userInputs: [...userInputs] })
  })
}

/**
 * Refuses a guessable password with 400 `validation_failed`, saying what is wrong and what
 * to do instead ("password: This is a commonly used password. Add more words..."), in the
 * `field: message` form the client maps to the field. Call wherever a password is set.
 */
export async function enforcePasswordPolicy(password: string, person: { email: string; name: string }): Promise<void> {
  const { score, warning, suggestions } = await assessPassword(password, personalWords(person))
  if (score >= MIN_PASSWORD_SCORE) return
  const advice = [
    warning ?? 'This password would be easy to guess.',
    ...suggestions,
    'A few unrelated words only you would put together make a strong password you can remember.',
  ]
  throw new AppError('validation_failed', `password: ${advice.join(' ')}`)
}
