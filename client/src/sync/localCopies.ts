/**
 * The copies of plans kept on this device (IndexedDB, via y-indexeddb), one per person and
 * plan so that people sharing a device never see each other's plans, plus a flag per copy
 * saying it holds changes the server has not yet confirmed.
 */
const PREFIX = 'hononga'

export function localCopyName(userId: string, planId: string): string {
  return `${PREFIX}:${userId}:${planId}`
}

export function markUnsaved(copyName: string, unsaved: boolean): void {
  if (unsaved) globalThis.localStorage?.setItem(`${copyName}:unsaved`, '1')
  else globalThis.localStorage?.removeItem(`${copyName}:unsaved`)
}

/** Copies of this person's plans that hold changes not yet stored on the server. */
export function unsavedCopies(userId: string): string[] {
  const found: string[] = []
  const storage = globalThis.localStorage
  if (!storage) return found
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)
    if (key?.startsWith(`${PREFIX}:${userId}:`) && key.endsWith(':unsaved')) found.push(key.slice(0, -':unsaved'.length))
  }
  return found
}

/** Deletes every copy of this person's plans from this device (on signing out). */
export async function clearLocalCopies(userId: string): Promise<void> {
  const prefix = `${PREFIX}:${userId}:`
  const databases = (await indexedDB.databases?.()) ?? []
  await Promise.all(
    databases
      .map((db) => db.name)
      .filter((name): name is string => typeof name === 'string' && name.startsWith(prefix))
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name)
            request.onsuccess = request.onerror = request.onblocked = () => resolve()
          }),
      ),
  )
  for (const copy of unsavedCopies(userId)) markUnsaved(copy, false)
  const storage = globalThis.localStorage
  if (storage) {
    const keys: string[] = []
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)
      if (key?.startsWith(prefix)) keys.push(key)
    }
    for (const key of keys) storage.removeItem(key)
  }
}

/** Keeps a small JSON value beside this person's copy of a plan (e.g. the plan's members). */
export function rememberForPlan(userId: string, planId: string, what: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(`${localCopyName(userId, planId)}:${what}`, JSON.stringify(value))
  } catch {
    // Storage full or disabled: the value is only a convenience for offline use.
  }
}

/**
 * A value kept by {@link rememberForPlan}, read by `read` (which checks its shape, returning
 * null when it is not what the caller expects), or null when there is none. The caller checks
 * the shape, so that this module (loaded with the first page) needs no schema library.
 */
export function recallForPlan<T>(userId: string, planId: string, what: string, read: (kept: unknown) => T | null): T | null {
  try {
    const raw = globalThis.localStorage?.getItem(`${localCopyName(userId, planId)}:${what}`)
    return raw ? read(JSON.parse(raw)) : null
  } catch {
    return null
  }
}
