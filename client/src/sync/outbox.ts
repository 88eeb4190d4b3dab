import { newId } from '@hononga/shared'
import { ApiError, NetworkError, sendCommand, type CommandParams } from '../api/client'
import { isQueueable, paramRef, refOf, type CommandRefusal, type NewCommand, type OutboxCommand } from './outboxCommand'
import type { OutboxStore } from './outboxStore'

export {
  isQueueable,
  paramRef,
  type CommandRefusal,
  type CommandSummary,
  type NewCommand,
  type OutboxCommand,
  type QueueableCommand,
} from './outboxCommand'
export { indexedDbOutboxStore, memoryOutboxStore, outboxName, type OutboxStore } from './outboxStore'

/**
 * The outbox: governance commands (positions, parked topics, comments, progress reports)
 * that a person made and the server has not yet applied, kept on the device (IndexedDB, one
 * store per person and plan) so they survive going offline, closing the tab and reloading.
 *
 * Invariants:
 * - A command's idempotency key is made once, when the person acts, and travels with it:
 *   however often it is sent (retries, reloads, two tabs), the server applies it once.
 * - Commands are sent one at a time, oldest first, and only while the plan is `saved`
 *   (connected, synced, every content edit made here acknowledged): a command may refer to
 *   an item created offline, which must be stored first.
 * - Nothing here is ever written into the plan document. What is pending is shown from the
 *   outbox; what the server applied arrives in the document from the server.
 * - A refused command stays, with the server's reason, until the person dismisses it; the
 *   commands after it are still sent (nothing else they did is lost).
 */

/** What the outbox needs of the plan's connection (PlanSession has it). */
export interface OutboxConnection {
  getState(): { kind: string }
  subscribe(listener: () => void): () => void
}

/** Sends one command (with its references filled in); resolves with the server's answer. */
export type CommandSender = (command: OutboxCommand, params: CommandParams) => Promise<unknown>

export interface OutboxOptions {
  planId: string
  store: OutboxStore
  connection: OutboxConnection
  send?: CommandSender
  /** Back-off after a failed attempt: base doubling up to max (ms). */
  retryBaseMs?: number
  retryMaxMs?: number
}

/** Connected and synced (some edits may still be on their way): commands can be sent now or soon. */
export function isConnected(state: { kind: string }): boolean {
  return state.kind === 'saved' || state.kind === 'saving'
}

/**
 * Resolves once the plan is `saved` (every content edit made here acknowledged), for the hui
 * controls, which are sent at once rather than queued but may refer to an agenda item just
 * added; rejects after `timeoutMs`.
 */
export function whenSaved(connection: OutboxConnection, timeoutMs = 10_000): Promise<void> {
  if (connection.getState().kind === 'saved') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new NetworkError())
    }, timeoutMs)
    const unsubscribe = connection.subscribe(() => {
      if (connection.getState().kind !== 'saved') return
      clearTimeout(timer)
      unsubscribe()
      resolve()
    })
  })
}

/** A failure worth trying again: no network, a timeout, too many requests, or the server's own trouble. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true
  return error instanceof ApiError && (error.status >= 500 || error.status === 408 || error.status === 429)
}

function order(a: OutboxCommand, b: OutboxCommand): number {
  return a.createdAt - b.createdAt || a.seq - b.seq || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
}

/** See the module comment. One per open plan; `destroy()` when the plan closes. */
export class Outbox {
  /** Resolves once the commands kept on the device are loaded. */
  readonly ready: Promise<void>
  private commands: readonly OutboxCommand[] = []
  private readonly listeners = new Set<() => void>()
  private readonly send: CommandSender
  private readonly retryBaseMs: number
  private readonly retryMaxMs: number
  private sending = false
  private destroyed = false
  private loaded = false
  private attempts = 0
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  /** The server asked us to wait (Retry-After): a reconnect does not cut that short. */
  private serverAskedUntil = 0
  private seq = 0
  private readonly unsubscribe: () => void

  constructor(private readonly options: OutboxOptions) {
    this.send = options.send ?? ((command, params) => sendCommand(command.name, options.planId, command.key, params, command.body))
    this.retryBaseMs = options.retryBaseMs ?? 1_000
    this.retryMaxMs = options.retryMaxMs ?? 60_000
    this.ready = options.store.load().then(
      (stored) => {
        this.seq = stored.reduce((max, command) => Math.max(max, command.seq + 1), 0)
        this.commands = [...stored, ...this.commands].sort(order)
        this.loaded = true
        this.changed()
      },
      () => {
        // No IndexedDB (private mode, quota): the outbox still works for this visit.
        this.loaded = true
        this.changed()
      },
    )
    let wasReady = false
    this.unsubscribe = options.connection.subscribe(() => {
      const ready = this.connectionReady()
      // Back on line: what failed for want of a network is tried again at once.
      if (ready && !wasReady && Date.now() >= this.serverAskedUntil) this.clearRetry()
      wasReady = ready
      void this.pump()
    })
  }

  /** The plan's connection, as the outbox sees it (for "pending" notes that say when it will go). */
  get connection(): OutboxConnection {
    return this.options.connection
  }

  /** Every command waiting or refused, oldest first (the same array until something changes). */
  getSnapshot = (): readonly OutboxCommand[] => this.commands

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Keeps a command on the device and sends it as soon as the plan is saved. A command whose
   * key is already in the outbox is not added again (converting old writes twice queues nothing new).
   */
  async enqueue(input: NewCommand): Promise<OutboxCommand> {
    if (!isQueueable(input.name)) throw new Error(`${input.name} needs a connection and cannot wait in the outbox`)
    await this.ready
    const key = input.key ?? newId()
    const existing = this.commands.find((command) => command.key === key)
    if (existing) return existing
    const command: OutboxCommand = {
      key,
      name: input.name,
      params: { ...(input.params ?? {}) },
      ...(input.body === undefined ? {} : { body: input.body }),
      summary: input.summary,
      createdAt: input.createdAt ?? Date.now(),
      seq: this.seq++,
      status: 'pending',
    }
    this.commands = [...this.commands, command].sort(order)
    this.changed()
    await this.persist(command)
    void this.pump()
    return command
  }

  /** Forgets a refused command once the person has read why. Pending commands stay. */
  async dismiss(key: string): Promise<void> {
    const command = this.commands.find((c) => c.key === key)
    if (!command || command.status !== 'refused') return
    this.remove(key)
    await this.options.store.delete(key).catch(() => undefined)
  }

  destroy(): void {
    this.destroyed = true
    this.clearRetry()
    this.unsubscribe()
    this.listeners.clear()
    this.options.store.close()
  }

  private connectionReady(): boolean {
    return this.options.connection.getState().kind === 'saved'
  }

  /** Sends what is waiting, in order, while the plan is saved and nothing asks us to wait. */
  private async pump(): Promise<void> {
    if (this.sending || this.destroyed || !this.loaded) return
    this.sending = true
    try {
      while (!this.destroyed && this.retryTimer === null && this.connectionReady()) {
        const next = this.commands.find((command) => command.status === 'pending')
        if (!next) break
        if (!(await this.sendOne(next))) break
      }
    } finally {
      this.sending = false
    }
  }

  /** Sends one command; false when sending should pause (waiting to retry). */
  private async sendOne(command: OutboxCommand): Promise<boolean> {
    const params: Record<string, string> = {}
    for (const [name, value] of Object.entries(command.params)) {
      const ref = refOf(value)
      if (ref !== null) {
        // The command it builds on was refused (or is gone): this one cannot be sent either.
        await this.refuse(command, {
          status: 0,
          code: 'depends_on_refused',
          message: 'It builds on an earlier change that was not recorded.',
        })
        return true
      }
      params[name] = value
    }
    let result: unknown
    try {
      result = await this.send(command, params)
    } catch (error) {
      if (isRetryable(error)) {
        this.scheduleRetry(error instanceof ApiError ? error.retryAfterMs : null)
        return false
      }
      await this.refuse(
        command,
        error instanceof ApiError
          ? { status: error.status, code: error.code, message: error.message }
          : { status: 0, code: 'client', message: error instanceof Error ? error.message : String(error) },
      )
      return true
    }
    this.attempts = 0
    await this.resolveRefs(command.key, result)
    this.remove(command.key)
    await this.options.store.delete(command.key).catch(() => undefined)
    return true
  }

  /** Later commands that refer to what `key` created get its id now. */
  private async resolveRefs(key: string, result: unknown): Promise<void> {
    const createdId =
      typeof result === 'object' && result !== null && typeof (result as { id?: unknown }).id === 'string'
        ? (result as { id: string }).id
        : null
    if (createdId === null) return
    const ref = paramRef(key)
    const updated: OutboxCommand[] = []
    this.commands = this.commands.map((command) => {
      if (!Object.values(command.params).includes(ref)) return command
      const params = Object.fromEntries(Object.entries(command.params).map(([name, value]) => [name, value === ref ? createdId : value]))
      const next = { ...command, params }
      updated.push(next)
      return next
    })
    for (const command of updated) await this.persist(command)
  }

  private async refuse(command: OutboxCommand, refusal: CommandRefusal): Promise<void> {
    const refused: OutboxCommand = { ...command, status: 'refused', refusal }
    this.commands = this.commands.map((c) => (c.key === command.key ? refused : c))
    this.changed()
    await this.persist(refused)
  }

  private scheduleRetry(retryAfterMs: number | null): void {
    const backoff = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** this.attempts)
    this.attempts++
    // A little jitter, so devices that come back together do not retry in step.
    const wait = Math.max(backoff * (0.8 + Math.random() * 0.4), retryAfterMs ?? 0)
    if (retryAfterMs !== null) this.serverAskedUntil = Date.now() + retryAfterMs
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.pump()
    }, wait)
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.attempts = 0
  }

  private remove(key: string): void {
    this.commands = this.commands.filter((command) => command.key !== key)
    this.changed()
  }

  private async persist(command: OutboxCommand): Promise<void> {
    // A failure to store is not fatal: the command is still sent while this page is open.
    await this.options.store.put(command).catch(() => undefined)
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener()
  }
}
