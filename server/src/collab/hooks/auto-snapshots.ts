import { TimerSlot } from '../clock'
import type { PlanRoom } from '../room'
import { PerRoom, type HookFactory, type HookHost, type RoomHook, type UnloadReason } from './hook'

/**
 * Automatic snapshots: one at most every AUTO_SNAPSHOT_INTERVAL_MS while a plan is edited
 * (0 turns them off), one when the last participant leaves, and one when the server stops.
 * Each is skipped when the plan has not changed since its newest snapshot.
 */
export class AutoSnapshots implements RoomHook {
  private readonly timers: PerRoom<TimerSlot>

  constructor(
    private readonly intervalMs: number,
    private readonly host: Pick<HookHost, 'snapshots' | 'clock' | 'background'>,
  ) {
    this.timers = new PerRoom(() => new TimerSlot(host.clock))
  }

  afterPersisted(room: PlanRoom): void {
    const timer = this.timers.of(room)
    if (this.intervalMs <= 0 || timer.pending) return
    timer.set(this.intervalMs, () => this.take(room, 'Automatic'))
  }

  onDetached(room: PlanRoom): void {
    if (room.connections.size > 0 || room.broken) return
    this.timers.peek(room)?.clear()
    this.take(room, 'When the last participant left')
  }

  async beforeUnload(room: PlanRoom, reason: UnloadReason): Promise<void> {
    if (reason !== 'shutdown') return
    await this.host.snapshots.take(room, { kind: 'auto', label: 'Saved when the server stopped', createdBy: null, skipIfUnchanged: true })
  }

  onDestroyed(room: PlanRoom): void {
    this.timers.peek(room)?.clear()
  }

  private take(room: PlanRoom, label: string): void {
    this.host.background(room, () => this.host.snapshots.take(room, { kind: 'auto', label, createdBy: null, skipIfUnchanged: true }))
  }
}

/** The automatic snapshots hook (AUTO_SNAPSHOT_INTERVAL_MS). */
export function autoSnapshots(intervalMs: number): HookFactory {
  return (host) => new AutoSnapshots(intervalMs, host)
}
