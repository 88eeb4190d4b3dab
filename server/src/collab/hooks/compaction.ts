import type { Config } from '../../config'
import { TimerSlot, type Clock } from '../clock'
import type { DocStore } from '../doc-store'
import type { PlanRoom } from '../room'
import { PerRoom, type HookFactory, type HookHost, type RoomHook } from './hook'

/** Below this many updates the log is not worth folding on size alone. */
const MIN_UPDATES_TO_COMPACT = 100

export type CompactionPolicy = Pick<Config, 'compactMaxUpdates' | 'compactIdleMs' | 'compactMaxAgeMs' | 'compactMinIntervalMs'>

/** One plan's compaction: its log since the last one, when that was, and what is set to follow. */
interface PlanCompaction {
  /** Updates stored since the last compaction. */
  count: number
  /** When the oldest of them became durable (clock time). */
  since: number
  /** When this plan was last compacted (clock time). */
  compactedAt: number
  /** A compaction waits for COMPACT_MIN_INTERVAL_MS to pass. */
  due: boolean
  timer: TimerSlot
}

/**
 * Compaction policy. The log is folded into the state when it holds as many bytes as the
 * state itself (so compaction at most doubles what is written), when it reaches
 * COMPACT_MAX_UPDATES updates (so loading stays fast), when the plan has been idle for
 * COMPACT_IDLE_MS, or at the latest COMPACT_MAX_AGE_MS after its oldest update; but not
 * within COMPACT_MIN_INTERVAL_MS of the last compaction of the same plan. A compaction
 * encodes the whole plan on the event loop (about 5 ms for a 450 KiB plan): one writer
 * typing 40,000 updates a second reached COMPACT_MAX_UPDATES eight times a second, and
 * the edits waiting behind those compactions tripled the p99 of delivery (15 ms, against
 * 7 ms without). At the rates of people typing the spacing changes nothing.
 *
 * All its timing is on one clock (`Clock`), so a test can drive it by hand. A plan is also
 * compacted before it leaves memory.
 */
export class Compaction implements RoomHook {
  private compactions = 0
  private compactionBytes = 0
  private readonly plans: PerRoom<PlanCompaction>

  constructor(
    private readonly policy: CompactionPolicy,
    private readonly deps: { store: DocStore; clock: Clock; now(): number; background: HookHost['background'] },
  ) {
    this.plans = new PerRoom(() => ({
      count: 0,
      since: 0,
      compactedAt: Number.NEGATIVE_INFINITY,
      due: false,
      timer: new TimerSlot(deps.clock),
    }))
  }

  onLoaded(room: PlanRoom, loaded: { updates: number }): void {
    if (loaded.updates === 0) return
    const plan = this.plans.of(room)
    plan.count = loaded.updates
    plan.since = this.deps.clock.now()
  }

  afterPersisted(room: PlanRoom, updates: readonly unknown[]): void {
    const { compactMaxUpdates, compactIdleMs, compactMaxAgeMs, compactMinIntervalMs } = this.policy
    const plan = this.plans.of(room)
    const now = this.deps.clock.now()
    if (plan.count === 0) plan.since = now
    plan.count += updates.length
    if (plan.count >= compactMaxUpdates || (plan.count >= MIN_UPDATES_TO_COMPACT && room.logBytes >= room.stateBytes)) {
      // Never longer than the interval itself, should the clock be set back.
      const wait = Math.min(compactMinIntervalMs, plan.compactedAt + compactMinIntervalMs - now)
      if (wait <= 0) this.deps.background(room, () => this.compact(room))
      else if (!plan.due) {
        plan.due = true
        plan.timer.set(wait, () => this.deps.background(room, () => this.compact(room)))
      }
    } else if (!plan.due) {
      const wait = Math.min(compactIdleMs, Math.max(0, plan.since + compactMaxAgeMs - now))
      plan.timer.set(wait, () => this.deps.background(room, () => this.compact(room)))
    }
  }

  async beforeUnload(room: PlanRoom): Promise<void> {
    await this.compact(room)
  }

  onDestroyed(room: PlanRoom): void {
    this.plans.peek(room)?.timer.clear()
  }

  stats() {
    return { compactions: this.compactions, compactionBytes: this.compactionBytes }
  }

  /** Folds the update log into one state row. */
  async compact(room: PlanRoom): Promise<void> {
    const plan = this.plans.of(room)
    plan.timer.clear()
    plan.due = false
    if (plan.count === 0 || room.broken || room.destroyed) return
    plan.compactedAt = this.deps.clock.now()
    const { state, through } = room.foldLog()
    plan.count = 0
    plan.since = 0
    await this.deps.store.compact(room.planId, state, through, this.deps.now())
    room.logFolded(state.byteLength)
    this.compactions++
    this.compactionBytes += state.byteLength
  }
}

/** The compaction hook with its policy (COMPACT_* settings). */
export function compaction(policy: CompactionPolicy): HookFactory {
  return (host) => new Compaction(policy, host)
}
