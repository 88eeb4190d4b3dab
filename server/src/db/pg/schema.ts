import { bigint, boolean, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/**
 * The PostgreSQL schema: a mirror of the SQLite schema (../schema.ts, which says what every table
 * and column means) with the same table, column, index and constraint names, so one set of
 * repositories and one contract suite serve both. Types map as: millisecond times → `bigint`
 * (read as a JS number), booleans → `boolean`, blobs → `bytea`, autoincrement keys → identity
 * columns. schema-parity.test.ts fails when the two drift apart. drizzle-kit generates
 * `migrations/pg/` from this file (`pnpm db:generate:pg`); read migrations/pg/README.md first.
 *
 * Two tables exist only here, for several server processes on one database (issue 12):
 * `plan_leases` and `control_events`.
 */

/** `bytea`, read and written as a Buffer (node-postgres parses bytea to a Buffer). */
const bytea = customType<{ data: Buffer; driverData: Buffer | string }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  // A bytea nested in JSON (relational queries build rows with json_build_array) arrives as `\x…` hex.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.startsWith('\\x') ? value.slice(2) : value, 'hex')),
})

/** Milliseconds since the epoch (UTC), as in the SQLite schema. */
const millis = (name: string) => bigint(name, { mode: 'number' })

const roles = ['facilitator', 'editor', 'viewer'] as const
const affiliations = ['iwi', 'agency', 'police', 'community'] as const

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: millis('created_at').notNull(),
  language: text('language', { enum: ['en', 'mi'] })
    .notNull()
    .default('en'),
  emailVerifiedAt: millis('email_verified_at'),
})

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: millis('created_at').notNull(),
    expiresAt: millis('expires_at').notNull(),
    lastSeenAt: millis('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const plans = pgTable('plans', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  community: text('community').notNull(),
  district: text('district'),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: millis('created_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
  reviewDate: text('review_date'),
  trackedAt: millis('tracked_at'),
  archivedAt: millis('archived_at'),
  deletedAt: millis('deleted_at'),
  purgeAt: millis('purge_at'),
  purgedAt: millis('purged_at'),
})

export const members = pgTable(
  'members',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull(),
    affiliation: text('affiliation', { enum: affiliations }).notNull(),
    organisation: text('organisation'),
    speaksFor: boolean('speaks_for').notNull().default(true),
    joinedAt: millis('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.userId] }), index('members_user_idx').on(t.userId)],
)

export const invites = pgTable(
  'invites',
  {
    code: text('code').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull(),
    affiliation: text('affiliation', { enum: affiliations }).notNull(),
    organisation: text('organisation'),
    speaksFor: boolean('speaks_for').notNull().default(true),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: millis('created_at').notNull(),
    expiresAt: millis('expires_at').notNull(),
    revokedAt: millis('revoked_at'),
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
  },
  (t) => [index('invites_plan_idx').on(t.planId)],
)

export const wsTickets = pgTable('ws_tickets', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  planId: text('plan_id')
    .notNull()
    .references(() => plans.id, { onDelete: 'cascade' }),
  sessionId: text('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
  expiresAt: millis('expires_at').notNull(),
  usedAt: millis('used_at'),
})

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    event: text('event').notNull(),
    details: text('details').notNull().default('{}'),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [index('audit_plan_idx').on(t.planId, t.id)],
)

export const accessEvents = pgTable(
  'access_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    affiliation: text('affiliation', { enum: affiliations }).notNull(),
    organisation: text('organisation'),
    kind: text('kind').notNull(),
    details: text('details').notNull().default('{}'),
    openDay: text('open_day'),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('access_events_open_idx').on(t.planId, t.userId, t.openDay),
    index('access_events_plan_idx').on(t.planId, t.createdAt),
    index('access_events_created_idx').on(t.createdAt),
  ],
)

export const docUpdates = pgTable(
  'doc_updates',
  {
    /**
     * Global append order from one identity sequence: it increases with every insert across the
     * table. Concurrent transactions may commit out of `seq` order; within one plan there is one
     * writer at a time (the lease owner).
     */
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    docId: text('doc_id').notNull(),
    data: bytea('data').notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [index('doc_updates_doc_idx').on(t.docId, t.seq)],
)

export const docStates = pgTable('doc_states', {
  docId: text('doc_id').primaryKey(),
  data: bytea('data').notNull(),
  /** A `doc_updates.seq`, hence bigint. */
  compactedThrough: bigint('compacted_through', { mode: 'number' }).notNull(),
  updatedAt: millis('updated_at').notNull(),
})

export const snapshots = pgTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    docId: text('doc_id').notNull(),
    kind: text('kind', { enum: ['named', 'auto', 'pre-restore', 'shutdown'] }).notNull(),
    label: text('label').notNull(),
    data: bytea('data').notNull(),
    marker: bytea('marker').notNull(),
    createdBy: text('created_by'),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [index('snapshots_doc_idx').on(t.docId, t.createdAt)],
)

export const trackedActions = pgTable(
  'tracked_actions',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    actionId: text('action_id').notNull(),
    title: text('title').notNull(),
    lead: text('lead').notNull(),
    leadUserId: text('lead_user_id'),
    partners: text('partners').notNull().default('[]'),
    dueDate: text('due_date'),
    reviewDate: text('review_date'),
    status: text('status', { enum: ['proposed', 'agreed', 'in progress', 'at risk', 'done', 'stopped'] }).notNull(),
    agreed: boolean('agreed').notNull().default(false),
    changedSinceAgreed: boolean('changed_since_agreed').notNull().default(false),
    lastProgress: text('last_progress'),
    engagement: text('engagement'),
    updatedAt: millis('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.actionId] }),
    index('tracked_actions_lead_user_idx').on(t.leadUserId),
    index('tracked_actions_due_idx').on(t.dueDate),
  ],
)

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    planId: text('plan_id').notNull(),
    command: text('command').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
)

export const quarantinedUpdates = pgTable(
  'quarantined_updates',
  {
    id: text('id').primaryKey(),
    docId: text('doc_id').notNull(),
    userId: text('user_id'),
    reason: text('reason').notNull(),
    data: bytea('data').notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [index('quarantined_doc_idx').on(t.docId, t.createdAt)],
)

export const joinCodes = pgTable(
  'join_codes',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    huiId: text('hui_id').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: millis('created_at').notNull(),
    expiresAt: millis('expires_at').notNull(),
    stoppedAt: millis('stopped_at'),
    maxUses: integer('max_uses').notNull(),
    uses: integer('uses').notNull().default(0),
  },
  (t) => [index('join_codes_plan_idx').on(t.planId)],
)

export const joinRequests = pgTable(
  'join_requests',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    joinCodeId: text('join_code_id').references(() => joinCodes.id, { onDelete: 'set null' }),
    affiliation: text('affiliation', { enum: affiliations }),
    organisation: text('organisation'),
    status: text('status', { enum: ['pending', 'admitted', 'declined'] }).notNull(),
    createdAt: millis('created_at').notNull(),
    decidedAt: millis('decided_at'),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('join_requests_plan_idx').on(t.planId, t.status), index('join_requests_user_idx').on(t.userId)],
)

export const throttleEvents = pgTable(
  'throttle_events',
  {
    // SQLite assigns this rowid key on insert; an identity column does the same here.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    bucket: text('bucket').notNull(),
    keyHash: text('key_hash').notNull(),
    at: millis('at').notNull(),
    expiresAt: millis('expires_at').notNull(),
  },
  (t) => [index('throttle_events_key_idx').on(t.bucket, t.keyHash, t.at), index('throttle_events_expires_idx').on(t.expiresAt)],
)

// PostgreSQL only: one owner per plan (issue 12).

/**
 * Which server process serves a plan. Appends and compactions succeed only while `owner` and
 * `epoch` still match (a fencing token); a takeover increments `epoch`. A plan can be taken over
 * once `expires_at` has passed or the owner's liveness lock (`owner_key`) is free.
 */
export const planLeases = pgTable(
  'plan_leases',
  {
    planId: text('plan_id').primaryKey(),
    /** The owning process's id. */
    owner: text('owner').notNull(),
    /** That process's session advisory-lock key (`pg_try_advisory_xact_lock(owner_key)` tells if it lives); 64-bit. */
    ownerKey: bigint('owner_key', { mode: 'bigint' }).notNull(),
    /** Where that process can be reached (for a hand-over request). */
    address: text('address').notNull(),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('plan_leases_owner_idx').on(t.owner)],
)

/**
 * Events between server processes (member removed or demoted, session revoked, plan deleted,
 * hand-over request), announced with NOTIFY and kept here so a listener that reconnects can
 * catch up on what it missed.
 */
export const controlEvents = pgTable(
  'control_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    planId: text('plan_id'),
    /** JSON. */
    payload: text('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('control_events_created_idx').on(t.createdAt)],
)

/** Tables that exist only in PostgreSQL; every other table mirrors one in ../schema.ts. */
export const PG_ONLY_TABLES = ['plan_leases', 'control_events'] as const

export const instanceAdmins = pgTable('instance_admins', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  grantedAt: millis('granted_at').notNull(),
})

export const districtGroups = pgTable('district_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: millis('created_at').notNull(),
})

export const districtMembers = pgTable(
  'district_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => districtGroups.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: text('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: millis('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('district_members_user_idx').on(t.userId)],
)

export const districtShares = pgTable(
  'district_shares',
  {
    planId: text('plan_id')
      .primaryKey()
      .references(() => plans.id, { onDelete: 'cascade' }),
    groupId: text('group_id')
      .notNull()
      .references(() => districtGroups.id, { onDelete: 'cascade' }),
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: millis('requested_at').notNull(),
  },
  (t) => [index('district_shares_group_idx').on(t.groupId)],
)

export const partnerConsents = pgTable(
  'partner_consents',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    partner: text('partner').notNull(),
    givenBy: text('given_by').references(() => users.id, { onDelete: 'set null' }),
    givenAt: millis('given_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.subject, t.partner] })],
)

export const raisedItems = pgTable(
  'raised_items',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    groupId: text('group_id')
      .notNull()
      .references(() => districtGroups.id, { onDelete: 'cascade' }),
    target: text('target').notNull(),
    title: text('title').notNull(),
    note: text('note').notNull(),
    raisedBy: text('raised_by').references(() => users.id, { onDelete: 'set null' }),
    raisedAt: millis('raised_at').notNull(),
    status: text('status', { enum: ['open', 'answered', 'closed'] })
      .notNull()
      .default('open'),
    answer: text('answer'),
    answeredBy: text('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: millis('answered_at'),
  },
  (t) => [index('raised_items_plan_idx').on(t.planId), index('raised_items_group_idx').on(t.groupId)],
)

export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: millis('created_at').notNull(),
})

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    messageId: text('message_id').notNull().unique(),
    toAddress: text('to_address').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    extra: text('extra').notNull().default('{}'),
    createdAt: millis('created_at').notNull(),
    nextAttemptAt: millis('next_attempt_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lockedUntil: millis('locked_until'),
    sentAt: millis('sent_at'),
    failedAt: millis('failed_at'),
  },
  (t) => [index('email_outbox_due_idx').on(t.sentAt, t.nextAttemptAt)],
)

export const authTokens = pgTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['password-reset', 'verify-email'] }).notNull(),
    createdBy: text('created_by'),
    createdAt: millis('created_at').notNull(),
    expiresAt: millis('expires_at').notNull(),
    usedAt: millis('used_at'),
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId)],
)

export const scheduledHui = pgTable(
  'scheduled_hui',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: millis('starts_at').notNull(),
    endsAt: millis('ends_at').notNull(),
    timeZone: text('time_zone').notNull().default('Pacific/Auckland'),
    place: text('place'),
    onlineUrl: text('online_url'),
    agenda: text('agenda').notNull().default('[]'),
    sequence: integer('sequence').notNull().default(0),
    status: text('status', { enum: ['scheduled', 'cancelled', 'started'] })
      .notNull()
      .default('scheduled'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: millis('created_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (t) => [index('scheduled_hui_plan_idx').on(t.planId, t.startsAt)],
)

export const huiResponses = pgTable(
  'hui_responses',
  {
    huiId: text('hui_id')
      .notNull()
      .references(() => scheduledHui.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    response: text('response', { enum: ['yes', 'no', 'maybe'] }).notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.huiId, t.userId] })],
)

export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: millis('created_at').notNull(),
    revokedAt: millis('revoked_at'),
  },
  (t) => [index('calendar_feeds_user_idx').on(t.userId)],
)

export const oidcIdentities = pgTable(
  'oidc_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    providerId: text('provider_id').notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('oidc_identities_user_idx').on(t.userId)],
)

export const ssoDomains = pgTable('sso_domains', {
  domain: text('domain').primaryKey(),
  providerId: text('provider_id').notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: millis('created_at').notNull(),
})

export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    planId: text('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    payload: text('payload').notNull().default('{}'),
    createdAt: millis('created_at').notNull(),
    readAt: millis('read_at'),
    emailedAt: millis('emailed_at'),
  },
  (t) => [uniqueIndex('notifications_dedupe_idx').on(t.userId, t.dedupeKey), index('notifications_user_idx').on(t.userId, t.createdAt)],
)

export const notificationPrefs = pgTable(
  'notification_prefs',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    mode: text('mode', { enum: ['immediate', 'daily', 'never'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
)
