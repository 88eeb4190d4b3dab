import type * as Y from 'yjs'
import type { PlanRoom } from './room'

/** What re-deriving needs from the engine: the plan loaded and held for the duration. */
export interface RoomHolder {
  withRoom<T>(planId: string, fn: (room: PlanRoom) => Promise<T>): Promise<T>
}

/**
 * Re-derives the tables computed from a plan's document (the action tracker's rows) from
 * the live document, loading the plan if it is not in memory. Used when those rows are
 * older than the plan's last change: a plan created or restored before the tracker existed,
 * or a process that stopped before it could derive them.
 */
export async function refreshDerived(
  engine: RoomHolder,
  planId: string,
  derive: (planId: string, doc: Y.Doc) => void,
): Promise<void> {
  await engine.withRoom(planId, async (room) => derive(planId, room.doc))
}
