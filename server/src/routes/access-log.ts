import { Hono } from 'hono'
import { z } from 'zod'
import {
  ACCESS_KINDS,
  AFFILIATION_WORDS,
  AFFILIATIONS,
  attachment,
  formatDateTime,
  NZ_TIME_ZONE,
  partnerKey,
  toCsv,
  type AccessEntry,
  type AccessKind,
  type AccessLogPage,
  type Affiliation,
} from '@hononga/shared'
import type { AppDeps, AppEnv, Membership } from '../app-env'
import { requireMembership } from '../auth/access'
import { aucklandDay, type AccessFilter, type AccessRow } from '../db/access-log'
import { AppError } from '../errors'
import { readQuery } from './body'
import { iso } from './present'

export const ACCESS_PAGE_DEFAULT = 50
export const ACCESS_PAGE_MAX = 200
/** Rows read per query while writing the CSV of a whole log. */
const CSV_BATCH = 1000
/** Bound on those queries: 10 million entries, far beyond any plan's log over its retention. */
const CSV_MAX_BATCHES = 10_000

/** Who accessed a plan, as the server has it: the caller's own membership row, never what the device sent. */
export type AccessCaller = Pick<Membership, 'planId' | 'userId' | 'affiliation' | 'organisation'>

type RecordDeps = Pick<AppDeps, 'repos' | 'log' | 'now'>

function entryOf(caller: AccessCaller, kind: AccessKind, details: Record<string, unknown>, at: number) {
  const { planId, userId, affiliation, organisation } = caller
  return { planId, userId, affiliation, organisation, kind, details, at }
}

/**
 * Records a view (an opening, a snapshot, a comparison) in the plan's access log. A failure is
 * logged and swallowed: the person still sees what they asked for.
 */
export async function recordAccessQuietly(
  deps: RecordDeps,
  caller: AccessCaller,
  kind: AccessKind,
  details: Record<string, unknown> = {},
): Promise<void> {
  try {
    await deps.repos.access.recordAccess(entryOf(caller, kind, details, deps.now()))
  } catch (error) {
    deps.log.error(
      { event: 'access_log.record_failed', planId: caller.planId, userId: caller.userId, kind, err: error },
      'access not recorded',
    )
  }
}

/** Openings remembered at most, before the memory starts afresh (a bound, not a limit: the unique index still coalesces). */
const OPENINGS_REMEMBERED = 50_000

/**
 * Records a plan's opening once per person, plan and Aotearoa day from this process: a reconnect
 * storm at a hui (every phone on a patchy link, again and again) costs one insert per person a
 * day rather than one per reconnect. The database's unique index still coalesces openings
 * recorded by other processes or before a restart; this only skips the inserts it would ignore.
 * Remembered only once written, so a failed insert is tried again on the next connection.
 */
export class OpeningRecorder {
  private readonly recorded = new Set<string>()
  private day = ''

  constructor(private readonly deps: RecordDeps) {}

  async record(caller: AccessCaller): Promise<void> {
    const today = aucklandDay(this.deps.now())
    if (today !== this.day || this.recorded.size >= OPENINGS_REMEMBERED) {
      this.recorded.clear()
      this.day = today
    }
    const key = `${caller.planId}\u0000${caller.userId}`
    if (this.recorded.has(key)) return
    try {
      await this.deps.repos.access.recordAccess(entryOf(caller, 'plan.opened', {}, this.deps.now()))
      if (aucklandDay(this.deps.now()) === this.day) this.recorded.add(key)
    } catch (error) {
      this.deps.log.error(
        { event: 'access_log.record_failed', planId: caller.planId, userId: caller.userId, kind: 'plan.opened', err: error },
        'access not recorded',
      )
    }
  }
}

/**
 * Records a download before it is made: no record, no download (503 `plan_unavailable`, try
 * again shortly), since what leaves the plan is what partners most need to see in the log.
 */
export async function recordDownload(
  deps: RecordDeps,
  caller: AccessCaller,
  kind: AccessKind,
  details: Record<string, unknown> = {},
): Promise<void> {
  try {
    await deps.repos.access.recordAccess(entryOf(caller, kind, details, deps.now()))
  } catch (error) {
    deps.log.error(
      { event: 'access_log.record_failed', planId: caller.planId, userId: caller.userId, kind, err: error },
      'download refused',
    )
    throw new AppError('plan_unavailable', 'The download could not be recorded in the access log; try again shortly', {
      'Retry-After': '5',
    })
  }
}

const PartnerParam = z
  .string()
  .max(300)
  .regex(/^[a-z]+:/, 'partner is <affiliation>:<organisation>')
  .transform((value) => ({ affiliation: value.slice(0, value.indexOf(':')), organisation: value.slice(value.indexOf(':') + 1).trim() }))
  .pipe(z.object({ affiliation: z.enum(AFFILIATIONS), organisation: z.string().transform((text) => text || null) }))

const Filters = z.object({
  /** `<affiliation>:<organisation>` (organisation empty for a partner without one), or a partner key. */
  partner: PartnerParam.optional(),
  kind: z.enum(ACCESS_KINDS).optional(),
})

const PageQuery = Filters.extend({
  /** Id of the oldest entry the client already has; the page continues below it. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(ACCESS_PAGE_MAX).default(ACCESS_PAGE_DEFAULT),
})

function parseDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** An access-log row as the API answers it. */
export function toAccessEntry(row: AccessRow): AccessEntry {
  return {
    id: row.id,
    kind: row.kind as AccessKind,
    person: row.userId === null ? null : { id: row.userId, name: row.userName ?? '' },
    partner: { affiliation: row.affiliation, organisation: row.organisation },
    details: parseDetails(row.details),
    at: iso(row.createdAt),
  }
}

/** A partner as named in the CSV: "Ngāti Awa (Iwi / hapū)", or the affiliation alone. */
function partnerWords(affiliation: Affiliation, organisation: string | null): string {
  return organisation ? `${organisation} (${AFFILIATION_WORDS[affiliation]})` : AFFILIATION_WORDS[affiliation]
}

export const ACCESS_CSV_COLUMNS = ['Time (UTC)', 'Time (Aotearoa)', 'Person', 'Partner', 'Kind', 'Details'] as const

/**
 * `GET /api/plans/:id/access-log` (a page, newest first) and `GET /api/plans/:id/access-log.csv`
 * (the whole log, filters applied; itself recorded as 'access-log.downloaded'), for every member.
 * No route edits or deletes an entry: the log is append-only, and older entries leave only
 * with the retention period (lifecycle/purge.ts).
 */
export function accessLogRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  /**
   * The filter as the log recorded the partner: the organisation spelled as the plan's members
   * spell it now when the asked one is the same partner (a partner key is lower-cased).
   */
  const filterOf = async (planId: string, query: z.output<typeof Filters>): Promise<Omit<AccessFilter, 'limit'>> => {
    const { partner, kind } = query
    if (!partner) return { kind }
    const key = partnerKey(partner.affiliation, partner.organisation)
    const member = (await deps.repos.members.listMembers(planId)).find((m) => partnerKey(m.affiliation, m.organisation) === key)
    return { kind, partner: member ? { affiliation: member.affiliation, organisation: member.organisation } : partner }
  }

  app.get('/api/plans/:id/access-log', async (c) => {
    const { planId } = await requireMembership(c, deps, c.req.param('id'))
    const query = readQuery(c, PageQuery)
    const rows = await deps.repos.access.listAccess(planId, {
      ...(await filterOf(planId, query)),
      before: query.before,
      limit: query.limit,
    })
    const page: AccessLogPage = {
      entries: rows.map(toAccessEntry),
      nextBefore: rows.length === query.limit ? rows[rows.length - 1]!.id : null,
    }
    return c.json(page)
  })

  app.get('/api/plans/:id/access-log.csv', async (c) => {
    const caller = await requireMembership(c, deps, c.req.param('id'))
    const { planId } = caller
    const filter = await filterOf(planId, readQuery(c, Filters))
    await recordDownload(deps, caller, 'access-log.downloaded', {
      ...(filter.partner ? { partner: filter.partner } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    })
    const rows: AccessRow[] = []
    let before: number | undefined
    for (let batch = 0; batch < CSV_MAX_BATCHES; batch++) {
      const page = await deps.repos.access.listAccess(planId, { ...filter, before, limit: CSV_BATCH })
      rows.push(...page)
      if (page.length < CSV_BATCH) break
      before = page[page.length - 1]!.id
    }
    const csv = toCsv([
      ACCESS_CSV_COLUMNS,
      ...rows.map((row) => [
        iso(row.createdAt),
        formatDateTime(row.createdAt, { timeZone: NZ_TIME_ZONE }),
        row.userName ?? '(account removed)',
        partnerWords(row.affiliation, row.organisation),
        row.kind,
        row.details,
      ]),
    ])
    const heading = await deps.repos.plans.getPlanHeading(planId)
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(heading?.title || 'plan', '.access-log.csv'),
    })
  })

  return app
}
