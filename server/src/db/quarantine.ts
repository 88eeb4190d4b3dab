import { desc, eq } from 'drizzle-orm'
import { newId } from './ids'
import type { DbExecutor } from './executor'
import { quarantinedUpdates } from './schema'

/** Why bytes were set aside. */
export type QuarantineReason =
  /** A device update that Yjs threw on (or left pending) while the room applied it. */
  | 'apply-failed'
  /** A stored state (and its updates) that could not be loaded; replaced by a recovered state. */
  | 'unloadable-state'

export interface QuarantineInput {
  docId: string
  /** Who sent the bytes; null for stored state the server itself wrote. */
  userId: string | null
  reason: QuarantineReason
  data: Uint8Array
  /** Milliseconds since the epoch. */
  at: number
}

export interface QuarantinedRow {
  id: string
  docId: string
  userId: string | null
  reason: string
  bytes: number
  createdAt: number
}

/**
 * Sets bytes aside for inspection: they are never replayed into the plan. The engine calls
 * this when applying an update failed or a stored state could not be loaded, so an operator
 * can see what wedged a plan and who sent it. Returns the new row's id.
 */
export function quarantineUpdate(db: DbExecutor, input: QuarantineInput): string {
  const id = newId()
  db.insert(quarantinedUpdates)
    .values({
      id,
      docId: input.docId,
      userId: input.userId,
      reason: input.reason,
      data: Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength),
      createdAt: input.at,
    })
    .run()
  return id
}

/** What is set aside for a plan, newest first, without the bytes. */
export function listQuarantined(db: DbExecutor, docId: string): QuarantinedRow[] {
  return db
    .select({
      id: quarantinedUpdates.id,
      docId: quarantinedUpdates.docId,
      userId: quarantinedUpdates.userId,
      reason: quarantinedUpdates.reason,
      data: quarantinedUpdates.data,
      createdAt: quarantinedUpdates.createdAt,
    })
    .from(quarantinedUpdates)
    .where(eq(quarantinedUpdates.docId, docId))
    .orderBy(desc(quarantinedUpdates.createdAt))
    .all()
    .map(({ data, ...row }) => ({ ...row, bytes: data.byteLength }))
}
