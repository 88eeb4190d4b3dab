import {
  addProgressEntry,
  canEdit,
  canFacilitate,
  getPriorityAction,
  listMeasures,
  listProgressEntries,
  removeProgressEntry,
  type ActionId,
  type ProgressBody,
  type ProgressEntryId,
  type ProgressResult,
} from '@hononga/shared'
import type * as Y from 'yjs'
import { notFound } from '../../errors'
import type { CommandAnswer } from '../service'
import { allow, type CommandScope } from './run'

/**
 * Progress reports against a priority action: who reported what, when. Editors and
 * facilitators report, in their own name (the server's record); the author or a
 * facilitator removes a report.
 */

function progressResult(doc: Y.Doc, actionId: ActionId, entryId: string): ProgressResult | null {
  const entry = listProgressEntries(doc, actionId).find((e) => e.id === entryId)
  if (!entry) return null
  const { id, date, values, status, note, authorId, authorName, createdAt } = entry
  return { id, actionId, date, values, status, note, authorId: authorId ?? '', authorName, createdAt: createdAt ?? 0 }
}

function requireAction(doc: Y.Doc, actionId: string): ActionId {
  if (!getPriorityAction(doc, actionId as ActionId)) throw notFound('No such priority action in this plan')
  return actionId as ActionId
}

export function addProgress(scope: CommandScope, actionId: string, body: ProgressBody): CommandAnswer<ProgressResult> {
  const { room, origin, caller, at } = scope
  allow(canEdit(caller.role), 'Only editors and facilitators report progress')
  return scope.commit(() => {
    const action = requireAction(room.doc, actionId)
    const measures = new Set<string>(listMeasures(room.doc, action).map((m) => m.id))
    const unknown = Object.keys(body.values).find((measureId) => !measures.has(measureId))
    if (unknown !== undefined) throw notFound(`No measure ${unknown} on this priority action`)
    const id = addProgressEntry(
      room.doc,
      action,
      {
        date: body.date,
        values: body.values,
        status: body.status ?? null,
        note: body.note ?? '',
        authorId: caller.userId,
        authorName: caller.name,
        createdAt: at,
      },
      origin,
    )
    return { status: 201, body: progressResult(room.doc, action, id)! }
  })
}

export function deleteProgress(scope: CommandScope, actionId: string, entryId: string): CommandAnswer<null> {
  const { room, origin, caller } = scope
  return scope.commit(() => {
    const action = requireAction(room.doc, actionId)
    const entry = progressResult(room.doc, action, entryId)
    if (!entry) throw notFound('No such progress report')
    allow(entry.authorId === caller.userId || canFacilitate(caller.role), 'Only its author or a facilitator removes a progress report')
    removeProgressEntry(room.doc, action, entryId as ProgressEntryId, origin)
    return { status: 204, body: null }
  })
}
