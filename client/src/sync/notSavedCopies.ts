import { parseResponse, RenderedPlanJson, type PlanJson } from '@hononga/shared'
import { localCopyName } from './localCopies'

/**
 * "Not saved" copies: when the server refuses an edit this device holds (close codes
 * EditRefused, EditFailed, PlanTooLarge), the plan as this device had it is kept here, read-only, before the device's
 * copy is discarded and the plan rejoined as the server has it. The person opens it and
 * copies their words back; nothing they wrote is thrown away by the refusal.
 *
 * Kept in IndexedDB (a plan can be hundreds of KiB; localStorage holds 5 MB for everything),
 * one database per person named like their plan copies, so signing out clears it with them
 * (people sharing a device never see each other's words). Several per plan, oldest dropped.
 */
export interface NotSavedCopy {
  id: string
  userId: string
  planId: string
  /** When the copy was kept (ms since the epoch). */
  savedAt: number
  /** The close code the server refused the edit with. */
  code: number
  plan: PlanJson
  /** False when the device could not store it: it lives only until this page is closed. */
  onDevice: boolean
}

/** How many copies are kept per person and plan; older ones are dropped. */
export const MAX_NOT_SAVED_COPIES = 5

const STORE = 'copies'
const memoryOnly = new Map<string, NotSavedCopy>()
const listeners = new Set<() => void>()

function databaseName(userId: string): string {
  return localCopyName(userId, 'not-saved')
}

/**
 * Which copies to drop so that at most `keep` remain: the oldest, by `savedAt` (ties broken
 * by id, so every device drops the same ones).
 */
export function copiesToDrop(copies: readonly Pick<NotSavedCopy, 'id' | 'savedAt'>[], keep = MAX_NOT_SAVED_COPIES): string[] {
  const newestFirst = [...copies].sort((a, b) => b.savedAt - a.savedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  return newestFirst.slice(Math.max(0, keep)).map((copy) => copy.id)
}

/**
 * A copy as read back from IndexedDB, or null when it is not one (damaged, or kept by a
 * version of the app whose plan shape this one cannot show). Such a record is left where it
 * is, not deleted: only this version does not list it.
 */
function readCopy(value: unknown): NotSavedCopy | null {
  if (typeof value !== 'object' || value === null) return null
  const fields = new Map<string, unknown>(Object.entries(value))
  const [id, userId, planId, savedAt, code, onDevice] = ['id', 'userId', 'planId', 'savedAt', 'code', 'onDevice'].map((key) =>
    fields.get(key),
  )
  if (typeof id !== 'string' || typeof userId !== 'string' || typeof planId !== 'string') return null
  if (typeof savedAt !== 'number' || typeof code !== 'number' || typeof onDevice !== 'boolean') return null
  const plan = parseResponse(RenderedPlanJson, fields.get('plan'))
  return plan.ok ? { id, userId, planId, savedAt, code, plan: plan.value, onDevice } : null
}

/** The id and time of a kept record (none when it has not even those), to choose which to drop. */
function idAndTime(value: unknown): Pick<NotSavedCopy, 'id' | 'savedAt'>[] {
  if (typeof value !== 'object' || value === null) return []
  const fields = new Map<string, unknown>(Object.entries(value))
  const id = fields.get('id')
  const savedAt = fields.get('savedAt')
  return typeof id === 'string' && typeof savedAt === 'number' ? [{ id, savedAt }] : []
}

function readCopies(values: unknown[]): NotSavedCopy[] {
  return values.map(readCopy).filter((copy) => copy !== null)
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

function openDatabase(userId: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('no IndexedDB'))
      return
    }
    const open = indexedDB.open(databaseName(userId), 1)
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore(STORE, { keyPath: 'id' })
      store.createIndex('planId', 'planId')
    }
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'))
    open.onblocked = () => reject(new Error('IndexedDB blocked'))
  })
}

async function withStore<T>(userId: string, mode: IDBTransactionMode, run: (store: IDBObjectStore) => Promise<T>): Promise<T> {
  const db = await openDatabase(userId)
  try {
    const tx = db.transaction(STORE, mode)
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
    })
    const result = await run(tx.objectStore(STORE))
    await done
    return result
  } finally {
    db.close()
  }
}

function notify(): void {
  for (const listener of listeners) listener()
}

/** Calls `listener` whenever a copy is kept or deleted (any person, any plan). */
export function onNotSavedCopiesChanged(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Keeps the plan as this device had it when the server refused an edit. Resolves once it is
 * stored (or, when the device cannot store it, held for the life of the page).
 */
export async function keepNotSavedCopy(input: Omit<NotSavedCopy, 'id' | 'onDevice'>): Promise<NotSavedCopy> {
  const copy: NotSavedCopy = { ...input, id: `${input.savedAt.toString(36)}-${crypto.randomUUID()}`, onDevice: true }
  try {
    await withStore(copy.userId, 'readwrite', async (store) => {
      await request(store.put(copy))
      // Every record counts here, readable or not: the oldest go whatever they hold.
      const kept = (await request(store.index('planId').getAll(copy.planId))).flatMap(idAndTime)
      for (const id of copiesToDrop(kept)) await request(store.delete(id))
    })
  } catch {
    // Private browsing, a full disk: better kept for this page than not at all.
    copy.onDevice = false
    memoryOnly.set(copy.id, copy)
  }
  notify()
  return copy
}

/** This person's copies of one plan, newest first. */
export async function listNotSavedCopies(userId: string, planId: string): Promise<NotSavedCopy[]> {
  let stored: NotSavedCopy[] = []
  try {
    stored = await withStore(userId, 'readonly', async (store) => readCopies(await request(store.index('planId').getAll(planId))))
  } catch {
    // Nothing stored on this device.
  }
  const held = [...memoryOnly.values()].filter((copy) => copy.userId === userId && copy.planId === planId)
  return [...stored.filter((copy) => copy.userId === userId), ...held].sort((a, b) => b.savedAt - a.savedAt)
}

/** Deletes one copy (the person has copied back what they needed). */
export async function deleteNotSavedCopy(userId: string, id: string): Promise<void> {
  memoryOnly.delete(id)
  try {
    await withStore(userId, 'readwrite', async (store) => {
      await request(store.delete(id))
    })
  } catch {
    // Not on the device: nothing more to delete.
  }
  notify()
}
