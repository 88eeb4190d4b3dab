import { endHui, formatTime, getHuiState, newId, NZ_TIME_ZONE, type HuiEndResult } from '@hononga/shared'
import { AppError } from '../../errors'
import type { PlanRoom } from '../room'
import type { CommandAnswer } from '../service'
import type { SnapshotService, TakeSnapshot } from '../snapshots'
import { nzDate } from './mark-agreed'
import type { CommandScope } from './run'

/**
 * Ends the hui that is running (409 `conflict` when none is) and keeps its minutes as a
 * named snapshot taken once the end is stored, so the minutes include it. The snapshot's id
 * is chosen first, so the answer naming it is stored under the Idempotency-Key in the same
 * write as the end; a retry after a crash between the end and the snapshot gets that answer
 * back, and {@link ensureMinutes} takes the snapshot it names if it is missing.
 */
export async function endRunningHui(scope: CommandScope): Promise<CommandAnswer<HuiEndResult>> {
  const { room, origin, caller, at } = scope
  const state = getHuiState(room.doc)
  if (!state.active) throw new AppError('conflict', 'No hui is running in this plan')
  const minutes = minutesOf(minutesLabel(state.startedAt ?? at), caller.userId, at)
  const authors = await scope.snapshots.authorNames([caller.userId])
  const answer = scope.commit(() => {
    // Read again after the await: the answer describes the hui this commit ends.
    const ending = getHuiState(room.doc)
    if (!ending.active) throw new AppError('conflict', 'No hui is running in this plan')
    endHui(room.doc, at, origin)
    return { status: 200 as const, body: { snapshot: scope.snapshots.describe(room.planId, minutes, authors), huiId: ending.huiId } }
  })
  await scope.snapshots.take(room, minutes)
  return answer
}

/** A retried end of a hui: takes the minutes its stored answer names, unless they were taken. */
export async function ensureMinutes(room: PlanRoom, snapshots: SnapshotService, answer: HuiEndResult): Promise<void> {
  const { id, label, createdBy, createdAt } = answer.snapshot
  if (await snapshots.has(room.planId, id)) return
  await snapshots.take(room, { ...minutesOf(label, createdBy?.id ?? null, Date.parse(createdAt)), id })
}

/**
 * "Minutes of hui, 29 November 2026, 10:00 am": the date and time the hui started in Aotearoa,
 * so two hui on one day keep minutes that tell apart.
 */
export function minutesLabel(startedAt: number): string {
  return `Minutes of hui, ${nzDate(startedAt)}, ${formatTime(startedAt, { timeZone: NZ_TIME_ZONE })}`
}

function minutesOf(label: string, createdBy: string | null, at: number): TakeSnapshot & { id: string; createdAt: number } {
  return { id: newId(), kind: 'named', label, createdBy, createdAt: at }
}
