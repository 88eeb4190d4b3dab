import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { DbExecutor } from './executor'
import type { emailOutbox as pgEmailOutbox } from './pg/schema'
import { emailOutbox, notificationPrefs, users } from './schema'

/**
 * The durable email outbox (email_outbox): a mail is a row from the moment it is enqueued
 * (inside the transaction of what it tells of) until an SMTP server accepted it. Senders in
 * any process claim due rows for a while (`locked_until`); a sender that dies simply lets its
 * claim expire, so a row is delivered at least once, always with its own Message-ID.
 */

/** One message to store, rendered and addressed. `extra` is JSON: `{ headers?, attachments? }`. */
export interface OutboxInput {
  id: string
  messageId: string
  to: string
  userId: string | null
  kind: string
  subject: string
  text: string
  html: string
  extra: string
  now: number
}

/** A claimed row: what the sender needs to send it. */
export interface OutboxMail {
  id: string
  messageId: string
  toAddress: string
  userId: string | null
  kind: string
  subject: string
  textBody: string
  htmlBody: string
  extra: string
  attempts: number
}

/** A row's delivery state (for tests and operators). */
export interface OutboxState {
  id: string
  messageId: string
  kind: string
  toAddress: string
  attempts: number
  lastError: string | null
  nextAttemptAt: number
  sentAt: number | null
  failedAt: number | null
}

/** Either dialect's email_outbox table: the helpers below build the same query on both. */
type OutboxTable = typeof emailOutbox | typeof pgEmailOutbox

/** Delay multipliers of the retry base for attempt 1, 2, 3...: 30 s, 2 min, 10 min, 30 min, then an hour (with the 30 s base). */
const RETRY_STEPS = [1, 4, 20, 60, 120] as const

/** How long to wait after the `attempts`-th failed attempt: growing steps, capped at 120 × `baseMs` (one hour by default). */
export function mailRetryDelay(attempts: number, baseMs: number): number {
  return baseMs * RETRY_STEPS[Math.min(Math.max(attempts, 1), RETRY_STEPS.length) - 1]!
}

/** Stores one message, due now. */
export function enqueueMail(db: DbExecutor, input: OutboxInput): void {
  db.insert(emailOutbox)
    .values({
      id: input.id,
      messageId: input.messageId,
      toAddress: input.to,
      userId: input.userId,
      kind: input.kind,
      subject: input.subject,
      textBody: input.text,
      htmlBody: input.html,
      extra: input.extra,
      createdAt: input.now,
      nextAttemptAt: input.now,
    })
    .run()
}

/** The WHERE of a row a sender may take at `now` (shared with the PostgreSQL mirror). */
export function dueCondition(columns: OutboxTable, now: number) {
  return and(
    lte(columns.nextAttemptAt, now),
    isNull(columns.sentAt),
    isNull(columns.failedAt),
    or(isNull(columns.lockedUntil), lt(columns.lockedUntil, now)),
  )
}

/**
 * Claims up to `limit` due rows, oldest first, until `lockUntil`: no other sender takes them
 * meanwhile. One UPDATE ... RETURNING statement, so two claims never share a row.
 */
export function claimDueMail(db: DbExecutor, input: { now: number; lockUntil: number; limit: number }): OutboxMail[] {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(dueCondition(emailOutbox, input.now))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(input.limit)
  return db
    .update(emailOutbox)
    .set({ lockedUntil: input.lockUntil })
    .where(and(inArray(emailOutbox.id, due), dueCondition(emailOutbox, input.now)))
    .returning(outboxMailColumns(emailOutbox))
    .all()
}

/** The columns of an OutboxMail (repos/pg/mail.ts lists the same). */
const outboxMailColumns = (t: typeof emailOutbox) => ({
  id: t.id,
  messageId: t.messageId,
  toAddress: t.toAddress,
  userId: t.userId,
  kind: t.kind,
  subject: t.subject,
  textBody: t.textBody,
  htmlBody: t.htmlBody,
  extra: t.extra,
  attempts: t.attempts,
})

/** Records that an SMTP server accepted the message: it is never sent again. */
export function markMailSent(db: DbExecutor, id: string, now: number): void {
  db.update(emailOutbox)
    .set({ sentAt: now, lockedUntil: null, attempts: sql`${emailOutbox.attempts} + 1` })
    .where(eq(emailOutbox.id, id))
    .run()
}

/**
 * Records a failed attempt: the row is due again after the back-off, or, once `maxAttempts`
 * attempts have failed, given up (`failed_at`). Returns the attempts made and whether it gave up.
 */
export function markMailFailed(
  db: DbExecutor,
  input: { id: string; now: number; error: string; retryBaseMs: number; maxAttempts: number },
): { attempts: number; gaveUp: boolean } {
  const row = db.select({ attempts: emailOutbox.attempts }).from(emailOutbox).where(eq(emailOutbox.id, input.id)).get()
  if (!row) return { attempts: 0, gaveUp: true }
  const attempts = row.attempts + 1
  const gaveUp = attempts >= input.maxAttempts
  db.update(emailOutbox)
    .set(failureValues(input, attempts, gaveUp))
    .where(eq(emailOutbox.id, input.id))
    .run()
  return { attempts, gaveUp }
}

/** The row's new values after a failed attempt (shared with the PostgreSQL mirror). */
export function failureValues(input: { now: number; error: string; retryBaseMs: number }, attempts: number, gaveUp: boolean) {
  return {
    attempts,
    lastError: input.error.slice(0, 1000),
    lockedUntil: null,
    nextAttemptAt: input.now + mailRetryDelay(attempts, input.retryBaseMs),
    failedAt: gaveUp ? input.now : null,
  }
}

/** The delivery state of the message with this Message-ID, or null. */
export function findOutboxMail(db: DbExecutor, messageId: string): OutboxState | null {
  return db.select(outboxStateColumns(emailOutbox)).from(emailOutbox).where(eq(emailOutbox.messageId, messageId)).get() ?? null
}

/** Every message to `to`, oldest first (for tests and operators). */
export function listOutboxFor(db: DbExecutor, to: string): OutboxState[] {
  return db
    .select(outboxStateColumns(emailOutbox))
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, to))
    .orderBy(asc(emailOutbox.createdAt))
    .all()
}

/** The columns of an OutboxState (repos/pg/mail.ts lists the same). */
const outboxStateColumns = (t: typeof emailOutbox) => ({
  id: t.id,
  messageId: t.messageId,
  kind: t.kind,
  toAddress: t.toAddress,
  attempts: t.attempts,
  lastError: t.lastError,
  nextAttemptAt: t.nextAttemptAt,
  sentAt: t.sentAt,
  failedAt: t.failedAt,
})

/** Turns off email of `kind` for the person (an unsubscribe link): notification_prefs(kind) = 'never'. */
export function unsubscribeKind(db: DbExecutor, userId: string, kind: string): boolean {
  if (!db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) return false
  db.insert(notificationPrefs)
    .values({ userId, kind, mode: 'never' })
    .onConflictDoUpdate({ target: [notificationPrefs.userId, notificationPrefs.kind], set: { mode: 'never' } })
    .run()
  return true
}

/** Who a mail to an account goes to: address, name and language (null for an unknown id). */
export function findMailRecipient(db: DbExecutor, userId: string): { email: string; name: string; language: 'en' | 'mi' } | null {
  return db.select({ email: users.email, name: users.name, language: users.language }).from(users).where(eq(users.id, userId)).get() ?? null
}

/** Sets the person's language (mail and app). */
export function setUserLanguage(db: DbExecutor, userId: string, language: 'en' | 'mi'): void {
  db.update(users).set({ language }).where(eq(users.id, userId)).run()
}
