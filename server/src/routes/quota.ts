import type { AppDeps } from '../app-env'
import type { Config } from '../config'
import type { QuotaName } from '../db/quota'
import { AppError } from '../errors'

/**
 * Per-person quotas on what fills the disk: new plans, imports and named snapshots
 * (QUOTA_PLANS_PER_HOUR, QUOTA_IMPORTS_PER_HOUR, QUOTA_SNAPSHOTS_PER_HOUR; 0 turns one off).
 * Eight imports once grew the data folder by 137 MiB in 2 s; nobody making a plan by hand
 * comes near these numbers. Over a quota the answer is 429 `rate_limited` with
 * `Retry-After`: the seconds until the oldest counted row leaves the hour.
 */

export const QUOTA_WINDOW_MS = 3600_000

const LIMITS: Record<QuotaName, (config: Config) => number> = {
  plans: (config) => config.quotaPlansPerHour,
  imports: (config) => config.quotaImportsPerHour,
  snapshots: (config) => config.quotaSnapshotsPerHour,
}

const WHAT: Record<QuotaName, string> = { plans: 'new plans', imports: 'plan imports', snapshots: 'snapshots' }

/** Requests that passed the check and have not yet written their row, per quota and person. */
const inFlight = new Map<string, number>()
const key = (quota: QuotaName, userId: string) => `${quota}:${userId}`

/**
 * The last check-and-reserve queued per quota and person. The check reads the tables
 * (asynchronously), so two requests could both read the count before either is counted in
 * flight; one after another per key, each sees the ones before it.
 */
const checking = new Map<string, Promise<void>>()

async function oneAtATime(k: string, check: () => Promise<void>): Promise<void> {
  const mine = (checking.get(k) ?? Promise.resolve()).then(check)
  const settled = mine.catch(() => undefined)
  checking.set(k, settled)
  try {
    await mine
  } finally {
    if (checking.get(k) === settled) checking.delete(k)
  }
}

/**
 * Throws 429 `rate_limited` with `Retry-After` when `userId` has used up `quota` for the
 * hour: rows in the tables plus requests still on their way to writing one.
 */
export async function enforceQuota(deps: Pick<AppDeps, 'repos' | 'config' | 'now'>, quota: QuotaName, userId: string): Promise<void> {
  const limit = LIMITS[quota](deps.config)
  if (limit <= 0) return
  const now = deps.now()
  const times = await deps.repos.quota.quotaUsage(quota, userId, now - QUOTA_WINDOW_MS)
  for (let i = inFlight.get(key(quota, userId)) ?? 0; i > 0; i--) times.push(now)
  if (times.length < limit) return
  // Enough rows must leave the window to bring the count under the limit.
  const freedAt = (times[times.length - limit] ?? now) + QUOTA_WINDOW_MS
  const seconds = Math.max(1, Math.ceil((freedAt - now) / 1000))
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
  throw new AppError('rate_limited', `You have made ${limit} ${WHAT[quota]} in the last hour, the most allowed. Try again in ${wait}.`, {
    'Retry-After': String(seconds),
  })
}

/**
 * Checks `quota`, then runs `work` counted as one more use until it settles, so that
 * requests racing through an await (a snapshot is written asynchronously) cannot all pass:
 * the check and the count go together, one request at a time per quota and person.
 */
export async function withQuota<T>(
  deps: Pick<AppDeps, 'repos' | 'config' | 'now'>,
  quota: QuotaName,
  userId: string,
  work: () => Promise<T>,
): Promise<T> {
  const k = key(quota, userId)
  await oneAtATime(k, async () => {
    await enforceQuota(deps, quota, userId)
    inFlight.set(k, (inFlight.get(k) ?? 0) + 1)
  })
  try {
    return await work()
  } finally {
    const left = (inFlight.get(k) ?? 1) - 1
    if (left > 0) inFlight.set(k, left)
    else inFlight.delete(k)
  }
}
