import type { Clock } from '../collab/clock'
import type { CollabService } from '../collab/service'
import type { Logger } from '../log'
import type { Repositories } from '../repos/types'

/** How often the purge looks for deletions that are due (and once at start-up). */
export const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000

export interface PurgeDeps {
  repos: Repositories
  collab: Pick<CollabService, 'forgetPlan'>
  /** Milliseconds since the epoch: the one clock deletions are measured by (tests move it). */
  now: () => number
  log: Logger
}

/**
 * Removes the content of every plan whose deletion is due: its document, updates and
 * snapshots (CollabService.forgetPlan), and the rows derived from it or giving access to it
 * (tracked actions, members, invites, tickets, join codes, stored command answers, set-aside
 * updates). The plans row stays, its heading blanked, so the plan's audit log stays with
 * it, the deletion's record included, and a `plan.purged` event is added. Returns the ids purged.
 */
export async function purgeDeletedPlans(deps: PurgeDeps): Promise<string[]> {
  const purged: string[] = []
  for (const planId of await deps.repos.plans.plansDueForPurge(deps.now())) {
    try {
      const at = deps.now()
      // Access goes first, in one transaction with the check that the deletion is still due
      // (not undone meanwhile): once it commits nobody can undo it, and the document can go.
      const claimed = await deps.repos.transaction(async (tx) => {
        const state = await tx.plans.getPlanLifecycle(planId)
        if (!state || state.deletedAt === null || state.purgeAt === null || state.purgeAt > at || state.purgedAt !== null) return false
        await tx.plans.deletePlanRows(planId)
        await tx.plans.markPlanPurged(planId, at)
        await tx.audit.recordAudit({
          planId,
          actorId: null,
          event: 'plan.purged',
          details: { deletedAt: new Date(state.deletedAt).toISOString(), purgeAt: new Date(state.purgeAt).toISOString() },
          at,
        })
        return true
      })
      if (!claimed) continue
      await deps.collab.forgetPlan(planId)
      purged.push(planId)
      deps.log.info({ event: 'plan.purged', planId }, 'removed the content of a deleted plan')
    } catch (error) {
      deps.log.error({ event: 'plan.purge_failed', planId, err: error }, 'could not remove the content of a deleted plan')
    }
  }
  return purged
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Removes access-log entries older than the retention period (ACCESS_LOG_RETENTION_DAYS),
 * in every plan. Returns how many; a failure is logged (the next day tries again).
 */
export async function pruneAccessLog(deps: PurgeDeps & { accessLogRetentionDays: number }): Promise<number> {
  try {
    const removed = await deps.repos.access.pruneAccess(deps.now() - deps.accessLogRetentionDays * DAY_MS)
    if (removed > 0) deps.log.info({ event: 'access_log.pruned', removed }, 'removed access-log entries past their retention')
    return removed
  } catch (error) {
    deps.log.error({ event: 'access_log.prune_failed', err: error }, 'could not remove old access-log entries')
    return 0
  }
}

/**
 * Runs the purge, and the access log's retention, at start-up and then every day on `clock`;
 * `stop` cancels it. A run that fails is logged and tried again the next day.
 */
export function schedulePurge(deps: PurgeDeps & { clock: Clock; intervalMs?: number; accessLogRetentionDays: number }): { stop(): void } {
  let cancel: (() => void) | undefined
  let stopped = false
  const run = () => {
    void Promise.all([purgeDeletedPlans(deps), pruneAccessLog(deps)]).finally(() => {
      if (!stopped) cancel = deps.clock.after(deps.intervalMs ?? PURGE_INTERVAL_MS, run)
    })
  }
  run()
  return {
    stop() {
      stopped = true
      cancel?.()
    },
  }
}
