import { endHui, getHuiState, type HuiEndResult } from '@hononga/shared'
import { AppError } from '../../errors'
import type { CommandAnswer } from '../service'
import { nzDate } from './mark-agreed'
import type { CommandScope } from './run'

/**
 * Ends the hui that is running (409 `conflict` when none is) and keeps its minutes as a
 * named snapshot taken once the end is stored, so the minutes include it. The answer names
 * the snapshot, so under an Idempotency-Key it is stored after the snapshot (run.ts stores
 * the key of a command whose answer did not travel with its update on its own).
 */
export async function endRunningHui(scope: CommandScope): Promise<CommandAnswer<HuiEndResult>> {
  const { room, origin, caller, at } = scope
  const state = getHuiState(room.doc)
  if (!state.active) throw new AppError('conflict', 'No hui is running in this plan')
  room.doc.transact(() => endHui(room.doc, at, origin), origin)
  const label = `Minutes of hui, ${nzDate(state.startedAt ?? at)}`
  const snapshot = (await scope.snapshots.take(room, { kind: 'named', label, createdBy: caller.userId }))!
  return { status: 200, body: { snapshot, huiId: state.huiId } }
}
