import * as Y from 'yjs'
import {
  newId,
  planDocFromState,
  recordRestore,
  restorePlanState,
  toPlanJson,
  type PlanJson,
  type SnapshotKind,
  type SnapshotSummary,
  type TxOrigin,
} from '@hononga/shared'
import type { DocStore, SnapshotMeta } from './doc-store'
import type { PlanRoom } from './room'

export interface SnapshotServiceOptions {
  store: DocStore
  now: () => number
  userNames(ids: string[]): Map<string, string> | Promise<Map<string, string>>
}

export interface TakeSnapshot {
  kind: SnapshotKind
  label: string
  createdBy: string | null
  /** Skip (return null) when the plan has not changed since the newest snapshot. */
  skipIfUnchanged?: boolean
  /** Given when the snapshot was promised before it was taken (the minutes a hui's end names). */
  id?: string
  createdAt?: number
}

/**
 * Snapshots are full states of a plan, saved by the server: automatically while it is
 * edited, on request under a name, and before every restore. A restore is a new forward
 * change computed from the snapshot (shared/plan/restore.ts), never a rewrite of history,
 * so every connected client receives it like any other edit.
 */
export class SnapshotService {
  constructor(private readonly options: SnapshotServiceOptions) {}

  /** Saves the room's current, durable state. */
  async take(room: PlanRoom, request: TakeSnapshot): Promise<SnapshotSummary | null> {
    // Only durable content goes into a snapshot.
    await room.durable()
    const state = room.encodedState()
    const marker = Y.encodeSnapshot(Y.snapshot(room.doc))
    if (request.skipIfUnchanged) {
      const latest = await this.options.store.latestSnapshotMarker(room.planId)
      if (latest && Y.equalSnapshots(Y.decodeSnapshot(latest), Y.decodeSnapshot(marker))) return null
    }
    const meta: SnapshotMeta = {
      id: request.id ?? newId(),
      docId: room.planId,
      kind: request.kind,
      label: request.label,
      createdBy: request.createdBy,
      createdAt: request.createdAt ?? this.options.now(),
    }
    await this.options.store.saveSnapshot({ ...meta, state, marker })
    return (await this.summarise([meta]))[0]!
  }

  /** How a snapshot not yet taken will be listed; `authors` holds its author's name (from `authorNames`). */
  describe(planId: string, request: TakeSnapshot & { id: string; createdAt: number }, authors: Map<string, string>): SnapshotSummary {
    const { id, kind, label, createdBy, createdAt } = request
    return summary({ id, docId: planId, kind, label, createdBy, createdAt }, authors)
  }

  /** The display names of these people, for `describe`. */
  async authorNames(ids: string[]): Promise<Map<string, string>> {
    return ids.length > 0 ? await this.options.userNames(ids) : new Map<string, string>()
  }

  /** Whether the plan has this snapshot. */
  async has(planId: string, snapshotId: string): Promise<boolean> {
    return (await this.options.store.getSnapshot(planId, snapshotId)) !== null
  }

  async list(planId: string): Promise<SnapshotSummary[]> {
    return this.summarise(await this.options.store.listSnapshots(planId))
  }

  async render(planId: string, snapshotId: string): Promise<PlanJson | null> {
    const snapshot = await this.options.store.getSnapshot(planId, snapshotId)
    if (!snapshot) return null
    const doc = planDocFromState(snapshot.state)
    try {
      return toPlanJson(doc)
    } finally {
      doc.destroy()
    }
  }

  /**
   * Makes the plan's content equal to the snapshot's, as a new change that is stored and
   * broadcast like any other. The state before is kept as a 'pre-restore' snapshot. The same
   * transaction writes a RestoreRecord into the plan (who restored what, when, named from
   * the users table): clients clear their undo history when they see it.
   */
  async restore(room: PlanRoom, snapshotId: string, userId: string): Promise<{ before: SnapshotSummary } | null> {
    const target = await this.options.store.getSnapshot(room.planId, snapshotId)
    if (!target) return null
    const before = (await this.take(room, { kind: 'pre-restore', label: `Before restoring “${target.label}”`, createdBy: userId }))!
    const origin: TxOrigin = { source: 'restore', snapshotId, userId }
    const byName = (await this.options.userNames([userId])).get(userId) ?? 'Former member'
    const record = { id: newId(), snapshotId, label: target.label, beforeSnapshotId: before.id, by: userId, byName, at: this.options.now() }
    room.doc.transact(() => {
      restorePlanState(room.doc, target.state, origin)
      recordRestore(room.doc, record, origin)
    }, origin)
    await room.durable()
    return { before }
  }

  private async summarise(snapshots: SnapshotMeta[]): Promise<SnapshotSummary[]> {
    const names = await this.authorNames([...new Set(snapshots.map((s) => s.createdBy).filter((id): id is string => id !== null))])
    return snapshots.map((s) => summary(s, names))
  }
}

function summary(s: SnapshotMeta, names: Map<string, string>): SnapshotSummary {
  return {
    id: s.id,
    label: s.label,
    kind: s.kind,
    createdAt: new Date(s.createdAt).toISOString(),
    createdBy: s.createdBy ? { id: s.createdBy, name: names.get(s.createdBy) ?? 'Former member' } : null,
  }
}
