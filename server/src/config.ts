import path from 'node:path'
import { z } from 'zod'
import { parseOidcProviders, type OidcProviderConfig } from './auth/oidc-providers'

/**
 * Every setting the server reads from the environment, with its default. README's
 * "Configuration" section lists the same variables; keep the two in step.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  /** Public origin(s) browsers use to reach the app, comma separated. Used for CSRF checks and invite URLs. */
  PUBLIC_ORIGIN: z.string().optional(),
  /** Largest WebSocket message accepted, in bytes. Larger frames close the socket with 1009. */
  WS_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /** Largest JSON body accepted by the HTTP API, in bytes. */
  HTTP_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Bytes queued on one socket before it is closed as too slow (it reconnects and resyncs). */
  WS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  WS_TICKET_TTL_MS: z.coerce.number().int().min(100).default(60_000),
  /** Bytes per second one socket may send before reading from it pauses (a burst of 4 s is allowed). */
  WS_BUDGET_BYTES_PER_SEC: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Messages per second one socket may send before reading from it pauses (a burst of 4 s is allowed). */
  WS_BUDGET_UPDATES_PER_SEC: z.coerce.number().int().min(1).default(200),
  /** A device update this large or larger is split in a worker thread and applied in pieces, one per event-loop turn. */
  WS_LARGE_UPDATE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** Size cap of one plan in storage (state plus updates since compaction); an edit past it closes with 4413. */
  PLAN_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(64 * 1024 * 1024),
  SESSION_TTL_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(30 * 24 * 3600_000),
  /** Compact a plan's update log once it holds this many updates (bounds load time)... */
  COMPACT_MAX_UPDATES: z.coerce.number().int().min(1).default(5000),
  /** ...or once nobody has edited it for this long... */
  COMPACT_IDLE_MS: z.coerce.number().int().min(0).default(30_000),
  /** ...or once its oldest uncompacted update is this old, even while editing goes on. */
  COMPACT_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 60_000),
  /** Never compact one plan more often than this: each compaction encodes the whole plan. */
  COMPACT_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(2_000),
  /** Automatic snapshot at most this often while a plan is being edited. */
  AUTO_SNAPSHOT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5 * 60_000),
  /** Keep an unused plan in memory this long after its last participant leaves. */
  PLAN_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(10_000),
  /** Per person and hour, before 429 with Retry-After (0 turns a quota off): named snapshots... */
  QUOTA_SNAPSHOTS_PER_HOUR: z.coerce.number().int().min(0).default(30),
  /** ...plans imported from a file... */
  QUOTA_IMPORTS_PER_HOUR: z.coerce.number().int().min(0).default(10),
  /** ...and new plans, imports included. */
  QUOTA_PLANS_PER_HOUR: z.coerce.number().int().min(0).default(20),
  /** How long a plan's access log keeps each entry (days; README "Access log"); older entries go in the daily purge. */
  ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(30).default(730),
  /** Failed logins allowed per email and per address within LOGIN_WINDOW_MS before 429. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
  /** Unknown, stopped or used-up join codes tried per address within JOIN_WINDOW_MS before 429 (guessing codes). */
  JOIN_MAX_FAILURES: z.coerce.number().int().min(1).default(20),
  JOIN_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
  /**
   * PostgreSQL instead of SQLite (`postgres://user@host:5432/db`): several server processes can
   * then serve one installation behind a load balancer (README "Running on several machines").
   * Connect directly or through a pooler in session mode: transaction-mode pooling (PgBouncer's
   * default) breaks LISTEN and the advisory locks that plan ownership rests on.
   */
  DATABASE_URL: z.string().url().optional(),
  /** With PostgreSQL: how long a plan's lease lasts unrenewed, so how soon a frozen process's plans move. */
  LEASE_TTL_MS: z.coerce.number().int().min(500).default(5_000),
  /** With PostgreSQL: where other processes and operators can reach this one (recorded with its leases). */
  PROCESS_ADDRESS: z.string().optional(),
  /**
   * On SIGTERM, report unhealthy this long before handing plans over, so the load balancer
   * stops sending requests (deploy/haproxy.cfg notices within 2 s). Default: 2,500 ms with
   * DATABASE_URL, 0 on SQLite (one process, nothing to hand over to).
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).optional(),
  /** `FULL` also survives power loss, at an fsync per write batch; `NORMAL` survives process crashes. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Serve the built client from this folder when it exists. */
  CLIENT_DIST: z.string().optional(),
  /** Bearer token that unlocks GET /api/metrics; the route does not exist without it. */
  METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Set cookies with the Secure flag. Defaults to on when PUBLIC_ORIGIN is https. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** Turns email on (README "Email"): `smtp://user:pass@host:587` or `smtps://...:465`. Unset: no email at all. */
  SMTP_URL: z.string().url().optional(),
  /** The From of every mail, e.g. `Hononga <no-reply@example.org>`; required with SMTP_URL. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Attempts to deliver one message before the outbox gives up on it (logged as mail.failed). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** First retry delay after a failed attempt; each next one is 4 times longer, capped at an hour. */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(100).default(30_000),
  /** Organisation sign-in (README "Sign in with your organisation"): a JSON array of OpenID Connect providers. */
  OIDC_PROVIDERS: z.string().optional(),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  publicOrigins: string[]
  wsMaxMessageBytes: number
  httpMaxBodyBytes: number
  wsMaxBufferedBytes: number
  wsTicketTtlMs: number
  wsBudgetBytesPerSec: number
  wsBudgetUpdatesPerSec: number
  wsLargeUpdateBytes: number
  planMaxBytes: number
  sessionTtlMs: number
  compactMaxUpdates: number
  compactIdleMs: number
  compactMaxAgeMs: number
  compactMinIntervalMs: number
  autoSnapshotIntervalMs: number
  planIdleUnloadMs: number
  quotaSnapshotsPerHour: number
  quotaImportsPerHour: number
  quotaPlansPerHour: number
  accessLogRetentionDays: number
  loginMaxFailures: number
  loginWindowMs: number
  joinMaxFailures: number
  joinWindowMs: number
  sqliteSynchronous: 'NORMAL' | 'FULL'
  databaseUrl: string | undefined
  leaseTtlMs: number
  processAddress: string | undefined
  shutdownDrainMs: number
  clientDist: string
  metricsToken: string | undefined
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  cookieSecure: boolean
  /** Email settings; undefined when SMTP_URL is unset (mail off). */
  mail: { smtpUrl: string; from: string; maxAttempts: number; retryBaseMs: number } | undefined
  /** Organisation sign-in providers (OIDC_PROVIDERS); empty when none. */
  oidcProviders: OidcProviderConfig[]
}

/** Parses the environment; throws a readable error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const e = parsed.data
  if (e.SMTP_URL && !e.MAIL_FROM) throw new Error('Invalid configuration: MAIL_FROM: required when SMTP_URL is set')
  const publicOrigins = (e.PUBLIC_ORIGIN ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean)
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    publicOrigins,
    wsMaxMessageBytes: e.WS_MAX_MESSAGE_BYTES,
    httpMaxBodyBytes: e.HTTP_MAX_BODY_BYTES,
    wsMaxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
    wsTicketTtlMs: e.WS_TICKET_TTL_MS,
    wsBudgetBytesPerSec: e.WS_BUDGET_BYTES_PER_SEC,
    wsBudgetUpdatesPerSec: e.WS_BUDGET_UPDATES_PER_SEC,
    wsLargeUpdateBytes: e.WS_LARGE_UPDATE_BYTES,
    planMaxBytes: e.PLAN_MAX_BYTES,
    sessionTtlMs: e.SESSION_TTL_MS,
    compactMaxUpdates: e.COMPACT_MAX_UPDATES,
    compactIdleMs: e.COMPACT_IDLE_MS,
    compactMaxAgeMs: e.COMPACT_MAX_AGE_MS,
    compactMinIntervalMs: e.COMPACT_MIN_INTERVAL_MS,
    autoSnapshotIntervalMs: e.AUTO_SNAPSHOT_INTERVAL_MS,
    planIdleUnloadMs: e.PLAN_IDLE_UNLOAD_MS,
    quotaSnapshotsPerHour: e.QUOTA_SNAPSHOTS_PER_HOUR,
    quotaImportsPerHour: e.QUOTA_IMPORTS_PER_HOUR,
    quotaPlansPerHour: e.QUOTA_PLANS_PER_HOUR,
    accessLogRetentionDays: e.ACCESS_LOG_RETENTION_DAYS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginWindowMs: e.LOGIN_WINDOW_MS,
    joinMaxFailures: e.JOIN_MAX_FAILURES,
    joinWindowMs: e.JOIN_WINDOW_MS,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    databaseUrl: e.DATABASE_URL,
    leaseTtlMs: e.LEASE_TTL_MS,
    processAddress: e.PROCESS_ADDRESS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS ?? (e.DATABASE_URL ? 2_500 : 0),
    clientDist: path.resolve(e.CLIENT_DIST ?? new URL('../../client/dist', import.meta.url).pathname),
    metricsToken: e.METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : publicOrigins.some((o) => o.startsWith('https:')),
    mail: e.SMTP_URL
      ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM!, maxAttempts: e.MAIL_MAX_ATTEMPTS, retryBaseMs: e.MAIL_RETRY_BASE_MS }
      : undefined,
    oidcProviders: parseOidcProviders(e.OIDC_PROVIDERS),
  }
}
