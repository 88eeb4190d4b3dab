import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * The SQLite schema. Times are milliseconds since the epoch (UTC). drizzle-kit generates
 * `migrations/` from this file (`pnpm db:generate`); never edit an applied migration.
 */

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Stored lower-cased; unique. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /**
   * `scrypt$N$r$p$salt$hash`, see auth/password.ts. An account made by signing in with an
   * organisation (OpenID Connect) has `!`, which no password matches.
   */
  passwordHash: text('password_hash').notNull(),
  createdAt: integer('created_at').notNull(),
  /** The person's language for email and the app: 'en' or 'mi'. */
  language: text('language', { enum: ['en', 'mi'] })
    .notNull()
    .default('en'),
  /** When the person followed the verification link (or signed in with a trusted organisation); null until then. */
  emailVerifiedAt: integer('email_verified_at'),
})

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a stolen database yields no usable session. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const plans = sqliteTable('plans', {
  id: text('id').primaryKey(),
  /** Copies of the document's meta, kept current by the sync server for cheap listing. */
  title: text('title').notNull(),
  community: text('community').notNull(),
  district: text('district'),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** The plan-wide review date (YYYY-MM-DD) from the document's meta. */
  reviewDate: text('review_date'),
  /** When `tracked_actions` was last derived from the document; null = never (derive before use). */
  trackedAt: integer('tracked_at'),
  /** Archived (read-only, out of the default list) since; null while in use. */
  archivedAt: integer('archived_at'),
  /** A facilitator deleted it at this time; null unless a deletion is pending or done. */
  deletedAt: integer('deleted_at'),
  /** When a pending deletion removes the plan's content (deletedAt + 30 days); null when none is pending. */
  purgeAt: integer('purge_at'),
  /** The content was removed (purge); the row stays so its audit log, and the record of the deletion, remain. */
  purgedAt: integer('purged_at'),
})

export const members = sqliteTable(
  'members',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['facilitator', 'editor', 'viewer'] }).notNull(),
    affiliation: text('affiliation', { enum: ['iwi', 'agency', 'police', 'community'] }).notNull(),
    organisation: text('organisation'),
    /** Records and withdraws the partner's position and comments for it (viewers too). */
    speaksFor: integer('speaks_for', { mode: 'boolean' }).notNull().default(true),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.userId] }), index('members_user_idx').on(t.userId)],
)

export const invites = sqliteTable(
  'invites',
  {
    code: text('code').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['facilitator', 'editor', 'viewer'] }).notNull(),
    affiliation: text('affiliation', { enum: ['iwi', 'agency', 'police', 'community'] }).notNull(),
    organisation: text('organisation'),
    speaksFor: integer('speaks_for', { mode: 'boolean' }).notNull().default(true),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
  },
  (t) => [index('invites_plan_idx').on(t.planId)],
)

export const wsTickets = sqliteTable('ws_tickets', {
  /** SHA-256 of the ticket. */
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  planId: text('plan_id')
    .notNull()
    .references(() => plans.id, { onDelete: 'cascade' }),
  /**
   * The sign-in session that minted it (null for one minted otherwise): signing out closes
   * the sockets it opened, on any process, and drops the unused ones with the session.
   */
  sessionId: text('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
})

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    event: text('event').notNull(),
    /** JSON object. */
    details: text('details').notNull().default('{}'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('audit_plan_idx').on(t.planId, t.id)],
)

/**
 * The access log (issue 13): each time someone opened the plan, viewed a snapshot or a
 * comparison, or downloaded something from it. Written by the server from its own record of
 * the caller (the membership row at the time), never from what a device sends; append-only
 * (no route edits or deletes a row), kept ACCESS_LOG_RETENTION_DAYS, and kept through archive
 * and purge like the audit log. `open_day` (the Pacific/Auckland date) is set only for
 * 'plan.opened', so the unique index records an opening once per person per day; NULL never conflicts.
 */
export const accessEvents = sqliteTable(
  'access_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The partner the person was a member for when they accessed the plan. */
    affiliation: text('affiliation', { enum: ['iwi', 'agency', 'police', 'community'] }).notNull(),
    organisation: text('organisation'),
    /** One of ACCESS_KINDS (@hononga/shared). */
    kind: text('kind').notNull(),
    /** JSON object. */
    details: text('details').notNull().default('{}'),
    /** YYYY-MM-DD in Pacific/Auckland, for 'plan.opened' only. */
    openDay: text('open_day'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('access_events_open_idx').on(t.planId, t.userId, t.openDay),
    index('access_events_plan_idx').on(t.planId, t.createdAt),
    index('access_events_created_idx').on(t.createdAt),
  ],
)

// Document storage (the SQLite DocStore). Keyed by document id, independent of `plans`
// so the store can be tested and swapped on its own.

export const docUpdates = sqliteTable(
  'doc_updates',
  {
    /** Global append order; an update's position within its document. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    docId: text('doc_id').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('doc_updates_doc_idx').on(t.docId, t.seq)],
)

export const docStates = sqliteTable('doc_states', {
  docId: text('doc_id').primaryKey(),
  /** The document state as one Yjs update (Y.encodeStateAsUpdate). */
  data: blob('data', { mode: 'buffer' }).notNull(),
  /** Highest `doc_updates.seq` folded into `data`. */
  compactedThrough: integer('compacted_through').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

export const snapshots = sqliteTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    docId: text('doc_id').notNull(),
    kind: text('kind', { enum: ['named', 'auto', 'pre-restore', 'shutdown'] }).notNull(),
    label: text('label').notNull(),
    /** Full document state as one Yjs update. */
    data: blob('data', { mode: 'buffer' }).notNull(),
    /** Y.encodeSnapshot (state vector and delete set) of `data`: tells whether anything changed since. */
    marker: blob('marker', { mode: 'buffer' }).notNull(),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('snapshots_doc_idx').on(t.docId, t.createdAt)],
)

/**
 * The action tracker: one row per priority action of every plan, derived from the plan's
 * document (db/tracker.ts) so facilitators can follow actions across plans without the
 * server opening each document. Never edited directly; rewritten from the document.
 */
export const trackedActions = sqliteTable(
  'tracked_actions',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    actionId: text('action_id').notNull(),
    title: text('title').notNull(),
    /** The lead as named in the plan. */
    lead: text('lead').notNull(),
    /** The member who leads, when the plan names one. */
    leadUserId: text('lead_user_id'),
    /** JSON array of partner organisation names. */
    partners: text('partners').notNull().default('[]'),
    /** YYYY-MM-DD. */
    dueDate: text('due_date'),
    /** The action's own review date (YYYY-MM-DD); the plan's applies when null. */
    reviewDate: text('review_date'),
    status: text('status', { enum: ['proposed', 'agreed', 'in progress', 'at risk', 'done', 'stopped'] }).notNull(),
    /** 1 when a facilitator marked the action agreed at a hui. */
    agreed: integer('agreed', { mode: 'boolean' }).notNull().default(false),
    changedSinceAgreed: integer('changed_since_agreed', { mode: 'boolean' }).notNull().default(false),
    /** JSON `{ date, note, authorName, status }` of the latest progress report, or null. */
    lastProgress: text('last_progress'),
    /** The engagement level agreed for the action (ENGAGEMENT_LEVELS in @hononga/shared), or null. */
    engagement: text('engagement'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.actionId] }),
    index('tracked_actions_lead_user_idx').on(t.leadUserId),
    index('tracked_actions_due_idx').on(t.dueDate),
  ],
)

/**
 * Governance commands already applied, by the caller's `Idempotency-Key`: a retry gets the
 * first answer instead of applying twice. Written in the same SQLite transaction as the
 * command's document update (the SQLite DocStore's append), so a crash between the write
 * and the answer cannot apply a command twice. Kept 90 days (IDEMPOTENCY_RETENTION_MS).
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    planId: text('plan_id').notNull(),
    /** `METHOD path` of the command, so a key reused for another command is refused (409). */
    command: text('command').notNull(),
    status: integer('status').notNull(),
    /** JSON answer body ('' for 204). */
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
)

/**
 * Device updates that passed every check yet made Yjs throw while applying them: set aside
 * for inspection, never replayed. Also the stored state of a plan that could not be loaded,
 * when it was recovered from a snapshot instead (`reason` says which).
 */
export const quarantinedUpdates = sqliteTable(
  'quarantined_updates',
  {
    id: text('id').primaryKey(),
    docId: text('doc_id').notNull(),
    userId: text('user_id'),
    reason: text('reason').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('quarantined_doc_idx').on(t.docId, t.createdAt)],
)

/**
 * Join codes a facilitator shows at a hui (QR code and short code): only the code's SHA-256
 * is kept. A code works while the hui it was shown in (`hui_id`) runs, until it is stopped,
 * expires or has been used `max_uses` times; one live code per plan (showing a new one stops the old).
 */
export const joinCodes = sqliteTable(
  'join_codes',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    /** SHA-256 (hex) of the normalised code. */
    codeHash: text('code_hash').notNull().unique(),
    huiId: text('hui_id').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    stoppedAt: integer('stopped_at'),
    maxUses: integer('max_uses').notNull(),
    /** Join requests made with it. */
    uses: integer('uses').notNull().default(0),
  },
  (t) => [index('join_codes_plan_idx').on(t.planId)],
)

/** A person's request to join a plan, made with a join code; a facilitator admits or declines it. */
export const joinRequests = sqliteTable(
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
    /** Whom the person said they speak for (a suggestion for the facilitator; null when not said). */
    affiliation: text('affiliation', { enum: ['iwi', 'agency', 'police', 'community'] }),
    organisation: text('organisation'),
    status: text('status', { enum: ['pending', 'admitted', 'declined'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    decidedAt: integer('decided_at'),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('join_requests_plan_idx').on(t.planId, t.status), index('join_requests_user_idx').on(t.userId)],
)

/**
 * Throttle events (failed logins, registrations, failed join codes): one row per event, so
 * every server process on this database counts against the same limits. `key_hash` is the
 * SHA-256 of the throttle key (`email:<address>`, `ip:<address>`), never the email or the
 * address itself. Rows are pruned on write once `expires_at` has passed (auth/throttle.ts).
 */
export const throttleEvents = sqliteTable(
  'throttle_events',
  {
    id: integer('id').primaryKey(),
    /** Which limit the event counts against (`login_failure`, `registration`, `join_failure`). */
    bucket: text('bucket').notNull(),
    keyHash: text('key_hash').notNull(),
    at: integer('at').notNull(),
    /** `at` plus the bucket's window when recorded: after it the row counts for nothing. */
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('throttle_events_key_idx').on(t.bucket, t.keyHash, t.at), index('throttle_events_expires_idx').on(t.expiresAt)],
)

// District groups and partners' consent (issue 13 §6).

/**
 * Instance administrators: they create district groups and add people to them. Granted only
 * by the operator with a command on the server (`pnpm admin grant EMAIL`), never by an email
 * address that anyone could register first.
 */
export const instanceAdmins = sqliteTable('instance_admins', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  grantedAt: integer('granted_at').notNull(),
})

/** A district group ("Bay of Plenty district"): the people who see the summaries plans share with it. */
export const districtGroups = sqliteTable('district_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
})

export const districtMembers = sqliteTable(
  'district_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => districtGroups.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: text('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('district_members_user_idx').on(t.userId)],
)

/**
 * A facilitator's request to share a plan's summary with a district group (one group per plan).
 * The district sees the summary only while every partner of the plan consents (`partner_consents`
 * with subject 'share').
 */
export const districtShares = sqliteTable(
  'district_shares',
  {
    planId: text('plan_id')
      .primaryKey()
      .references(() => plans.id, { onDelete: 'cascade' }),
    groupId: text('group_id')
      .notNull()
      .references(() => districtGroups.id, { onDelete: 'cascade' }),
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: integer('requested_at').notNull(),
  },
  (t) => [index('district_shares_group_idx').on(t.groupId)],
)

/**
 * A partner's consent, given by a member who speaks for it, to something leaving the plan for
 * its district: `subject` is 'share' (the plan's summary) or 'raise:<raisedItemId>'. A row is a
 * consent in force; withdrawing deletes it (the audit log keeps the history).
 */
export const partnerConsents = sqliteTable(
  'partner_consents',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    /** The partner key (`affiliation:organisation`, shared/src/plan/partners.ts). */
    partner: text('partner').notNull(),
    givenBy: text('given_by').references(() => users.id, { onDelete: 'set null' }),
    givenAt: integer('given_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.subject, t.partner] })],
)

/** An item of a plan raised to its district group, with what is asked, and the district's answer. */
export const raisedItems = sqliteTable(
  'raised_items',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    groupId: text('group_id')
      .notNull()
      .references(() => districtGroups.id, { onDelete: 'cascade' }),
    /** The item (targetKey, shared/src/plan/agreements.ts). */
    target: text('target').notNull(),
    /** The item's title when it was raised. */
    title: text('title').notNull(),
    note: text('note').notNull(),
    raisedBy: text('raised_by').references(() => users.id, { onDelete: 'set null' }),
    raisedAt: integer('raised_at').notNull(),
    status: text('status', { enum: ['open', 'answered', 'closed'] })
      .notNull()
      .default('open'),
    answer: text('answer'),
    answeredBy: text('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: integer('answered_at'),
  },
  (t) => [index('raised_items_plan_idx').on(t.planId), index('raised_items_group_idx').on(t.groupId)],
)

// People outside the building (issue 14): email, password reset, scheduled hui, calendar feeds,
// organisation sign-in.

/**
 * Settings of this installation shared by every server process (for example the secret that
 * signs the OpenID Connect flow's cookie and unsubscribe links), made once at first start.
 */
export const instanceSettings = sqliteTable('instance_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull(),
})

/**
 * Mail waiting to be sent, and mail sent (kept a while for the record). Written in the same
 * transaction as what it tells of; a sender delivers it at least once with its `message_id`
 * (stable across retries, so a resend after a crash is recognisably the same message).
 */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    /** RFC 5322 Message-ID, without angle brackets; the same on every attempt. */
    messageId: text('message_id').notNull().unique(),
    toAddress: text('to_address').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** What it is about (password-reset, verify-email, invite, hui-invite, notification, digest...). */
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** JSON: extra headers (List-Unsubscribe, ...) and attachments ({filename, contentType, method?, content}). */
    extra: text('extra').notNull().default('{}'),
    createdAt: integer('created_at').notNull(),
    /** Not before this time (back-off after a failure). */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** A sender claimed it until this time (several processes); null when nobody holds it. */
    lockedUntil: integer('locked_until'),
    sentAt: integer('sent_at'),
    /** Gave up after too many attempts. */
    failedAt: integer('failed_at'),
  },
  (t) => [index('email_outbox_due_idx').on(t.sentAt, t.nextAttemptAt)],
)

/** Single-use links: password reset and email verification. Only the SHA-256 of the token is kept. */
export const authTokens = sqliteTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['password-reset', 'verify-email'] }).notNull(),
    /** Who made it for the person (an administrator), 'operator' for the command, null when the person asked. */
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId)],
)

/** A hui a facilitator scheduled: when (stored in UTC, shown in its time zone), where, the agenda. */
export const scheduledHui = sqliteTable(
  'scheduled_hui',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    timeZone: text('time_zone').notNull().default('Pacific/Auckland'),
    place: text('place'),
    onlineUrl: text('online_url'),
    /** JSON array of agenda items, taken by the hui when it starts. */
    agenda: text('agenda').notNull().default('[]'),
    /** iCalendar SEQUENCE: raised by every change, so calendars replace the entry. */
    sequence: integer('sequence').notNull().default(0),
    status: text('status', { enum: ['scheduled', 'cancelled', 'started'] })
      .notNull()
      .default('scheduled'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('scheduled_hui_plan_idx').on(t.planId, t.startsAt)],
)

/** Whether a member is coming to a scheduled hui (said in the app; calendar replies go nowhere). */
export const huiResponses = sqliteTable(
  'hui_responses',
  {
    huiId: text('hui_id')
      .notNull()
      .references(() => scheduledHui.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    response: text('response', { enum: ['yes', 'no', 'maybe'] }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.huiId, t.userId] })],
)

/** A person's private calendar feed address (only the SHA-256 of its token is kept); revocable. */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('calendar_feeds_user_idx').on(t.userId)],
)

/** An account's organisation sign-in: linked by issuer and subject, never by email alone. */
export const oidcIdentities = sqliteTable(
  'oidc_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The configured provider it came through. */
    providerId: text('provider_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('oidc_identities_user_idx').on(t.userId)],
)

/** Email domains whose people must sign in through their organisation's provider (set by an administrator). */
export const ssoDomains = sqliteTable('sso_domains', {
  domain: text('domain').primaryKey(),
  providerId: text('provider_id').notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
})

/**
 * What needs a person (issue 14): one row per thing per period, so the reminders the server
 * computes on a schedule are idempotent across restarts (`dedupe_key`, unique per person).
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    planId: text('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
    /** changed-since-agreed, position-needed, action-due, action-overdue, review-due, comment-reply, hui-scheduled, hui-changed. */
    kind: text('kind').notNull(),
    /** E.g. `action-due:<planId>:<actionId>:<dueDate>`: the same thing in the same period is one notification. */
    dedupeKey: text('dedupe_key').notNull(),
    /** JSON: what to show (titles, dates, the item's target). */
    payload: text('payload').notNull().default('{}'),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
    /** Sent by email (at once or in a digest); null while not (yet) emailed. */
    emailedAt: integer('emailed_at'),
  },
  (t) => [uniqueIndex('notifications_dedupe_idx').on(t.userId, t.dedupeKey), index('notifications_user_idx').on(t.userId, t.createdAt)],
)

/** How a person wants each kind of notification by email: at once, in a daily digest, or never. */
export const notificationPrefs = sqliteTable(
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
