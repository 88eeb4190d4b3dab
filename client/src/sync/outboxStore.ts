import * as idb from 'lib0/indexeddb'
import { COMMAND_ROUTES } from '@hononga/shared'
import { isKeyIn } from '../i18n/keys'
import { localCopyName } from './localCopies'
import { isQueueable, type CommandRefusal, type CommandSummary, type OutboxCommand } from './outboxCommand'

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

function fieldsOf(value: unknown): Map<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? new Map<string, unknown>(Object.entries(value)) : null
}

function stringRecord(value: unknown): Record<string, string> | null {
  const fields = fieldsOf(value)
  if (!fields) return null
  const record: Record<string, string> = {}
  for (const [name, field] of fields) {
    if (typeof field !== 'string') return null
    record[name] = field
  }
  return record
}

function readSummary(value: unknown): CommandSummary | null {
  const fields = fieldsOf(value)
  const key = fields?.get('key')
  if (!fields || typeof key !== 'string' || !isKeyIn('outbox', key)) return null
  const values = fieldsOf(fields.get('values'))
  if (!values) return fields.has('values') && fields.get('values') !== undefined ? null : { key }
  const read: Record<string, string | number> = {}
  for (const [name, field] of values) {
    if (typeof field !== 'string' && typeof field !== 'number') return null
    read[name] = field
  }
  return { key, values: read }
}

function readRefusal(value: unknown): CommandRefusal | null {
  const fields = fieldsOf(value)
  const [status, code, message] = ['status', 'code', 'message'].map((name) => fields?.get(name))
  return typeof status === 'number' && typeof code === 'string' && typeof message === 'string' ? { status, code, message } : null
}

/**
 * A command as read back from IndexedDB, or null when it is not one (damaged, or kept by a
 * version of the app with another shape). The body is checked by the server when it is sent.
 */
export function readOutboxCommand(value: unknown): OutboxCommand | null {
  const fields = fieldsOf(value)
  if (!fields) return null
  const [key, name, createdAt, seq, status] = ['key', 'name', 'createdAt', 'seq', 'status'].map((field) => fields.get(field))
  if (typeof key !== 'string' || typeof createdAt !== 'number' || typeof seq !== 'number') return null
  if (typeof name !== 'string' || !Object.hasOwn(COMMAND_ROUTES, name)) return null
  const commandName = name as keyof typeof COMMAND_ROUTES // checked just above
  if (!isQueueable(commandName) || (status !== 'pending' && status !== 'refused')) return null
  const params = stringRecord(fields.get('params'))
  const summary = readSummary(fields.get('summary'))
  if (!params || !summary) return null
  const refusal = fields.get('refusal') === undefined ? undefined : readRefusal(fields.get('refusal'))
  if (refusal === null) return null
  return {
    key,
    name: commandName,
    params,
    ...(fields.has('body') ? { body: fields.get('body') } : {}),
    summary,
    createdAt,
    seq,
    status,
    ...(refusal ? { refusal } : {}),
  }
}

/** An {@link OutboxStore} in IndexedDB (lib0/indexeddb). */
export function indexedDbOutboxStore(name: string): OutboxStore {
  const opened = idb.openDB(name, (db) => idb.createStores(db, [[STORE, { keyPath: 'key' }]]))
  const store = async (access: 'readonly' | 'readwrite') => idb.transact(await opened, [STORE], access)[0]!
  return {
    // A record this version cannot read stays in the database; it is only not sent.
    load: async () => (await idb.getAll(await store('readonly'))).map(readOutboxCommand).filter((command) => command !== null),
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
