import { getHuiState, markAttendance, observeHuiState, type TxOrigin } from '@hononga/shared'
import type { Connection } from '../connection'
import type { PlanRoom } from '../room'
import type { HookFactory, HookHost, RoomHook } from './hook'

const ATTENDANCE_ORIGIN: TxOrigin = Object.freeze({ source: 'server', reason: 'attendance' })

/**
 * Who attended a hui is recorded by the server, from the people it authenticated: everyone
 * connected while the hui runs (viewers too, who cannot write to the plan themselves), the
 * moment the hui starts or they arrive. A record cannot be forged or forgotten by a client.
 */
export function recordAttendance(room: PlanRoom, connections: Iterable<Connection>, at: number): void {
  const hui = getHuiState(room.doc)
  if (!hui.active || hui.huiId === null || room.destroyed) return
  const huiId = hui.huiId
  room.doc.transact(() => {
    for (const { identity } of connections) {
      markAttendance(
        room.doc,
        { huiId, userId: identity.userId, name: identity.name, affiliation: identity.affiliation, organisation: identity.organisation, at },
        ATTENDANCE_ORIGIN,
      )
    }
  }, ATTENDANCE_ORIGIN)
}

/**
 * Records everyone present when a hui starts (the hui/start command makes it active).
 * Returns the unsubscribe function. Attendance records everyone, viewers and people who do
 * not speak for their partner included (the minutes name them all); whose agreement counts
 * is decided when an item is marked (collab/commands/mark-agreed.ts).
 */
export function watchHuiStarts(room: PlanRoom, now: () => number): () => void {
  let lastHuiId = getHuiState(room.doc).huiId
  return observeHuiState(room.doc, () => {
    const hui = getHuiState(room.doc)
    if (!hui.active || hui.huiId === lastHuiId) return
    lastHuiId = hui.huiId
    // After the facilitator's transaction: a new one, with the server as origin.
    queueMicrotask(() => recordAttendance(room, room.connections, now()))
  })
}

/** The attendance hook: everyone present when a hui starts, and everyone who arrives while it runs. */
export class Attendance implements RoomHook {
  constructor(private readonly host: Pick<HookHost, 'now'>) {}

  onLoaded(room: PlanRoom): void {
    // The observer dies with the document when the room is destroyed.
    watchHuiStarts(room, () => this.host.now())
  }

  onAttached(room: PlanRoom, connection: Connection): void {
    recordAttendance(room, [connection], this.host.now())
  }
}

export function attendance(): HookFactory {
  return (host) => new Attendance(host)
}
