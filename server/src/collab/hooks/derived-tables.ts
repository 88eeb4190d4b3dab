import type * as Y from 'yjs'
import { TimerSlot } from '../clock'
import type { PlanRoom } from '../room'
import { PerRoom, type HookFactory, type HookHost, type RoomHook } from './hook'

/** How long after an edit the derived tables catch up (at most once per this while edited). */
const DERIVE_AFTER_MS = 2_000

/**
 * The tables computed from a plan's document (the plans row's title, community, district
 * and last change; the action tracker): kept current at most every 2 s while the plan is
 * edited, and when it leaves memory. A plan loaded only to be read (a render, the tracker)
 * has not changed: its "last change" does not move.
 */
export class DerivedTables implements RoomHook {
  private readonly plans: PerRoom<{ changed: boolean; timer: TimerSlot }>

  constructor(
    /** Writes what is derived from the document (server.ts: db/plans.ts and db/tracker.ts). */
    private readonly planChanged: (planId: string, doc: Y.Doc, at: number) => void | Promise<void>,
    private readonly host: Pick<HookHost, 'clock' | 'now' | 'log'>,
  ) {
    this.plans = new PerRoom(() => ({ changed: false, timer: new TimerSlot(host.clock) }))
  }

  afterPersisted(room: PlanRoom): void {
    const plan = this.plans.of(room)
    plan.changed = true
    if (!plan.timer.pending) plan.timer.set(DERIVE_AFTER_MS, () => void this.sync(room))
  }

  beforeUnload(room: PlanRoom): Promise<void> {
    return this.sync(room)
  }

  onDestroyed(room: PlanRoom): void {
    this.plans.peek(room)?.timer.clear()
  }

  private async sync(room: PlanRoom): Promise<void> {
    if (room.destroyed) return
    const plan = this.plans.peek(room)
    if (!plan) return
    plan.timer.clear()
    if (!plan.changed) return
    plan.changed = false
    try {
      await this.planChanged(room.planId, room.doc, this.host.now())
    } catch (error) {
      this.host.log.error(
        { planId: room.planId, event: 'plan.derived_update_failed', err: error },
        'could not update what is derived from the plan',
      )
    }
  }
}

/** The derived tables hook: `planChanged` writes the plans row and the tracker. */
export function derivedTables(planChanged: (planId: string, doc: Y.Doc, at: number) => void | Promise<void>): HookFactory {
  return (host) => new DerivedTables(planChanged, host)
}
