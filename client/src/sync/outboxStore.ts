import * as idb from 'lib0/indexeddb'
import { localCopyName } from './localCopies'
import type { OutboxCommand } from './outboxCommand'

/** Where the outbox keeps its commands. */
export interface OutboxStore {
  load(): Promise<OutboxCommand[]>
  put(command: OutboxCommand): Promise<void>
  delete(key: string): Promise<void>
  close(): void
}

const STORE = 'commands'

/** The outbox's IndexedDB database for one person and plan (removed with their copies on sign-out). */
export function outboxName(userId: string, planId: string): string {
  return `${localCopyName(userId, planId)}:outbox`
}

/** An {@link OutboxStore} in IndexedDB (lib0/indexeddb). */
export function indexedDbOutboxStore(name: string): OutboxStore {
  const opened = idb.openDB(name, (db) => idb.createStores(db, [[STORE, { keyPath: 'key' }]]))
  const store = async (access: 'readonly' | 'readwrite') => idb.transact(await opened, [STORE], access)[0]!
  return {
    load: async () => (await idb.getAll(await store('readonly'))) as OutboxCommand[],
    put: async (command) => {
      await idb.put(await store('readwrite'), command as unknown as string)
    },
    delete: async (key) => {
      await idb.del(await store('readwrite'), key)
    },
    close: () => void opened.then((db) => db.close()).catch(() => undefined),
  }
}

/** An {@link OutboxStore} in memory (for tests, and where IndexedDB is unavailable). */
export function memoryOutboxStore(initial: OutboxCommand[] = []): OutboxStore & { commands: Map<string, OutboxCommand> } {
  const commands = new Map(initial.map((command) => [command.key, structuredClone(command)]))
  return {
    commands,
    load: async () => [...commands.values()].map((command) => structuredClone(command)),
    put: async (command) => void commands.set(command.key, structuredClone(command)),
    delete: async (key) => void commands.delete(key),
    close: () => undefined,
  }
}
