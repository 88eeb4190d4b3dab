import { asc, eq, inArray, sql } from 'drizzle-orm'
import { dueCondition, failureValues } from '../../db/mail'
import { emailOutbox, notificationPrefs, users } from '../../db/pg/schema'
import type { MailRepo } from '../types'
import type { PgExecutor } from './executor'

const outboxMailColumns = {
  id: emailOutbox.id,
  messageId: emailOutbox.messageId,
  toAddress: emailOutbox.toAddress,
  userId: emailOutbox.userId,
  kind: emailOutbox.kind,
  subject: emailOutbox.subject,
  textBody: emailOutbox.textBody,
  htmlBody: emailOutbox.htmlBody,
  extra: emailOutbox.extra,
  attempts: emailOutbox.attempts,
}

const outboxStateColumns = {
  id: emailOutbox.id,
  messageId: emailOutbox.messageId,
  kind: emailOutbox.kind,
  toAddress: emailOutbox.toAddress,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  sentAt: emailOutbox.sentAt,
  failedAt: emailOutbox.failedAt,
}

/** The email outbox, unsubscribes and languages on PostgreSQL: mirrors db/mail.ts. */
export function pgMail(db: PgExecutor): MailRepo {
  return {
    async enqueueMail(input) {
      await db.insert(emailOutbox).values({
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
    },

    async claimDueMail({ now, lockUntil, limit }) {
      // A SAVEPOINT when `db` is already a transaction. SKIP LOCKED: senders in other
      // processes claiming at once take other rows instead of waiting on these.
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ id: emailOutbox.id })
          .from(emailOutbox)
          .where(dueCondition(emailOutbox, now))
          .orderBy(asc(emailOutbox.nextAttemptAt))
          .limit(limit)
          .for('update', { skipLocked: true })
        if (due.length === 0) return []
        return tx
          .update(emailOutbox)
          .set({ lockedUntil: lockUntil })
          .where(
            inArray(
              emailOutbox.id,
              due.map((row) => row.id),
            ),
          )
          .returning(outboxMailColumns)
      })
    },

    async markMailSent(id, now) {
      await db
        .update(emailOutbox)
        .set({ sentAt: now, lockedUntil: null, attempts: sql`${emailOutbox.attempts} + 1` })
        .where(eq(emailOutbox.id, id))
    },

    async markMailFailed(input) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ attempts: emailOutbox.attempts })
          .from(emailOutbox)
          .where(eq(emailOutbox.id, input.id))
          .for('update')
        if (!row) return { attempts: 0, gaveUp: true }
        const attempts = row.attempts + 1
        const gaveUp = attempts >= input.maxAttempts
        await tx
          .update(emailOutbox)
          .set(failureValues(input, attempts, gaveUp))
          .where(eq(emailOutbox.id, input.id))
        return { attempts, gaveUp }
      })
    },

    async findOutboxMail(messageId) {
      const [row] = await db.select(outboxStateColumns).from(emailOutbox).where(eq(emailOutbox.messageId, messageId))
      return row ?? null
    },

    async listOutboxFor(to) {
      return db.select(outboxStateColumns).from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(asc(emailOutbox.createdAt))
    },

    async unsubscribeKind(userId, kind) {
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId))
      if (!user) return false
      await db
        .insert(notificationPrefs)
        .values({ userId, kind, mode: 'never' })
        .onConflictDoUpdate({ target: [notificationPrefs.userId, notificationPrefs.kind], set: { mode: 'never' } })
      return true
    },

    async findMailRecipient(userId) {
      const [row] = await db
        .select({ email: users.email, name: users.name, language: users.language })
        .from(users)
        .where(eq(users.id, userId))
      return row ?? null
    },

    async setUserLanguage(userId, language) {
      await db.update(users).set({ language }).where(eq(users.id, userId))
    },
  }
}
