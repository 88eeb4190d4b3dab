import { IDEMPOTENCY_RETENTION_MS, type TxOrigin } from '@hononga/shared'
import { AppError } from '../../errors'
import type { Logger } from '../../log'
import type { DocStore, IdempotencyRecord } from '../doc-store'
import type { PlanRoom } from '../room'
import type { CommandAnswer, CommandCaller, CommandRequest } from '../service'
import type { SnapshotService } from '../snapshots'

/**
 * The one way governance commands reach a plan: load the room, check and apply the command
 * in ONE Yjs transaction whose origin names the command and the caller, answer only once the
 * write is durable, and honour the Idempotency-Key.
 *
 * Idempotency: a key already answered (by this person) gets its stored answer back, and
 * nothing is applied; a key used for another request gets 409. The answer of a command
 * that changes the document travels on the transaction's origin to the room, which queues
 * it with the update, so the SQLite store appends both in one transaction: a crash
 * between the write and the answer can neither apply a command twice nor lose its answer.
 * A command that changed nothing stores its key on its own. Requests with the same key in
 * this process run one after the other.
 */

/** What a handler gets: the loaded plan, who asks, and how to write. */
export interface CommandScope {
  readonly room: PlanRoom
  readonly caller: CommandCaller
  readonly at: number
  readonly origin: TxOrigin
  readonly snapshots: SnapshotService
  /**
   * Runs `change` (check, then mutate with `origin`) in one transaction and returns its
   * answer, which is stored under the request's key together with the update. `change` must
   * throw before it changes anything, never halfway.
   */
  commit<T>(change: () => CommandAnswer<T>): CommandAnswer<T>
}

export type CommandHandler = (scope: CommandScope) => CommandAnswer | Promise<CommandAnswer>

/** A command origin that can carry the answer to store with its update (write-queue.ts AnsweringOrigin). */
type CommandOrigin = Extract<TxOrigin, { source: 'command' }> & { readonly idempotency: { answered?: IdempotencyRecord } }

export interface CommandRunnerDeps {
  store: DocStore
  withRoom<T>(planId: string, fn: (room: PlanRoom) => Promise<T>): Promise<T>
  snapshots: SnapshotService
  now: () => number
  log: Logger
}

const PRUNE_EVERY_MS = 24 * 60 * 60 * 1000

export class CommandRunner {
  /** The latest request per `user\0key`, so requests with one key run one at a time. */
  private readonly inFlight = new Map<string, Promise<unknown>>()
  private prunedAt = Number.NEGATIVE_INFINITY

  constructor(private readonly deps: CommandRunnerDeps) {}

  async run(planId: string, request: CommandRequest, handler: CommandHandler): Promise<CommandAnswer> {
    this.pruneNowAndThen()
    const { key } = request
    if (key === null) return this.execute(planId, request, handler)
    const id = `${request.caller.userId}\u0000${key}`
    const previous = this.inFlight.get(id) ?? Promise.resolve()
    const current = previous.catch(() => undefined).then(() => this.once(planId, request, key, handler))
    this.inFlight.set(id, current)
    try {
      return await current
    } finally {
      if (this.inFlight.get(id) === current) this.inFlight.delete(id)
    }
  }

  private async once(planId: string, request: CommandRequest, key: string, handler: CommandHandler): Promise<CommandAnswer> {
    const stored = await this.deps.store.findIdempotency(request.caller.userId, key)
    if (!stored) return this.execute(planId, request, handler)
    if (stored.planId !== planId || stored.command !== request.signature) {
      throw new AppError('conflict', 'This Idempotency-Key was already used for another request; send a new key')
    }
    return { status: stored.status as CommandAnswer['status'], body: stored.body === '' ? null : JSON.parse(stored.body), replayed: true }
  }

  private execute(planId: string, request: CommandRequest, handler: CommandHandler): Promise<CommandAnswer> {
    const { caller, key } = request
    const record = (answer: CommandAnswer): IdempotencyRecord | undefined =>
      key === null
        ? undefined
        : {
            userId: caller.userId,
            key,
            planId,
            command: request.signature,
            status: answer.status,
            body: answer.status === 204 ? '' : JSON.stringify(answer.body),
          }
    return this.deps.withRoom(planId, async (room) => {
      const origin: CommandOrigin = { source: 'command', command: request.command.name, userId: caller.userId, idempotency: {} }
      let keyStored = false
      const scope: CommandScope = {
        room,
        caller,
        at: request.at,
        origin,
        snapshots: this.deps.snapshots,
        commit: <T>(change: () => CommandAnswer<T>) => {
          let answer: CommandAnswer<T> | undefined
          let changed = false
          const onUpdate = (_update: Uint8Array, from: unknown) => {
            if (from === origin) changed = true
          }
          room.doc.on('update', onUpdate)
          try {
            room.doc.transact(() => {
              answer = change()
              // Read by the room when Yjs emits this transaction's update (room.ts handleDocUpdate).
              origin.idempotency.answered = record(answer as CommandAnswer)
            }, origin)
          } finally {
            room.doc.off('update', onUpdate)
            origin.idempotency.answered = undefined
          }
          if (changed && key !== null) keyStored = true
          return answer!
        },
      }
      const answer = await handler(scope)
      try {
        await room.durable()
      } catch {
        throw new AppError('plan_unavailable', 'The change could not be stored; try again shortly')
      }
      const unstored = keyStored ? undefined : record(answer)
      if (unstored) await this.deps.store.saveIdempotency(unstored, this.deps.now())
      return answer
    })
  }

  /** Deletes keys past IDEMPOTENCY_RETENTION_MS, at the first command and then at most daily. */
  private pruneNowAndThen(): void {
    const now = this.deps.now()
    if (now - this.prunedAt < PRUNE_EVERY_MS) return
    this.prunedAt = now
    this.deps.store.pruneIdempotency(now - IDEMPOTENCY_RETENTION_MS).then(
      (pruned) => {
        if (pruned > 0) this.deps.log.info({ event: 'idempotency.pruned', pruned }, 'old idempotency keys deleted')
      },
      (error: unknown) => this.deps.log.error({ event: 'idempotency.prune_failed', err: error }, 'could not delete old idempotency keys'),
    )
  }
}

/** Throws 403 unless `allowed`. */
export function allow(allowed: boolean, why: string): void {
  if (!allowed) throw new AppError('forbidden', why)
}
