import type { Config } from '../config'
import type { MailableNotification } from '../db/notifications'
import type { Logger } from '../log'
import { unsubscribeLink } from '../mail/layout'
import { publicUrl } from '../mail/links'
import { notificationsMail, type MailedNotice } from '../mail/templates/notifications'
import type { Mailer } from '../mail/types'
import type { Repositories } from '../repos/types'
import { lastDigestTime } from './time'

/** The daily digest goes out at this hour, Pacific/Auckland. */
export const DIGEST_HOUR = 7
/** At most this many notifications are mailed per run; the next run takes the rest. */
const BATCH = 500

export interface DeliveryDeps {
  repos: Repositories
  mail: Mailer
  config: Config
  log: Logger
}

/** The rows of one mail: one immediate notification, or one person's daily digest. */
function groupIntoMails(rows: MailableNotification[]): { rows: MailableNotification[]; digest: boolean }[] {
  const mails: { rows: MailableNotification[]; digest: boolean }[] = []
  const digests = new Map<string, MailableNotification[]>()
  for (const row of rows) {
    if (row.mode === 'immediate') mails.push({ rows: [row], digest: false })
    else digests.set(row.userId, [...(digests.get(row.userId) ?? []), row])
  }
  for (const digestRows of digests.values()) mails.push({ rows: digestRows, digest: true })
  return mails
}

/**
 * Emails what is due at `at`: each immediate notification on its own, and each person's
 * daily ones made before the last 07:00 Pacific/Auckland in one digest, to verified addresses
 * only, in the person's language, with an unsubscribe link per kind. Items of plans the
 * person has left are not named (marked as handled). Each mail is stored in the outbox in
 * one transaction with the rows marked emailed and 'message.sent' in each named plan's access
 * log: a crash leaves both or neither, and a second process cannot mail the same rows.
 * Returns how many mails were queued.
 */
export async function emailDueNotifications(deps: DeliveryDeps, at: number): Promise<number> {
  if (!deps.mail.enabled) return 0
  const rows = await deps.repos.notifications.notificationsDueForEmail(lastDigestTime(at, DIGEST_HOUR), BATCH)
  let queued = 0
  for (const mail of groupIntoMails(rows)) {
    const first = mail.rows[0]!
    try {
      // What the person may still see: a plan's items only while they are a member.
      const memberships = new Map<string, Awaited<ReturnType<Repositories['members']['findMembership']>>>()
      for (const row of mail.rows) {
        if (row.planId && !memberships.has(row.planId))
          memberships.set(row.planId, await deps.repos.members.findMembership(row.planId, row.userId))
      }
      const named = mail.rows.filter((row) => row.planId === null || memberships.get(row.planId))
      const unsubscribe: Record<string, string> = {}
      for (const kind of new Set(named.map((row) => row.kind))) unsubscribe[kind] = await unsubscribeLink(deps, first.userId, kind)
      const notices: MailedNotice[] = named.map((row) => ({ kind: row.kind, planId: row.planId, payload: parsePayload(row.payload) }))
      const person = { userId: first.userId, email: first.email, language: first.language }
      const outgoing = named.length
        ? notificationsMail(person, notices, { open: publicUrl(deps.config, '/notifications'), unsubscribe }, mail.digest)
        : null
      const sent = await deps.repos.transaction(async (tx) => {
        const ids = mail.rows.map((row) => row.id)
        // Another process marked some first: roll back and leave them to it.
        if ((await tx.notifications.markNotificationsEmailed(ids, at)) !== ids.length) throw new AlreadyMailed()
        if (!outgoing) return false
        await deps.mail.enqueue(outgoing, tx)
        const counts = new Map<string, number>()
        for (const row of named) if (row.planId) counts.set(row.planId, (counts.get(row.planId) ?? 0) + 1)
        for (const [planId, count] of counts) {
          const membership = memberships.get(planId)!
          await tx.access.recordAccess({
            planId,
            userId: first.userId,
            affiliation: membership.affiliation,
            organisation: membership.organisation,
            kind: 'message.sent',
            details: { kind: outgoing.kind, notifications: count },
            at,
          })
        }
        return true
      })
      if (sent) queued++
    } catch (error) {
      if (error instanceof AlreadyMailed) continue
      deps.log.error({ event: 'notifications.email_failed', userId: first.userId, err: error }, 'could not queue a notification email')
    }
  }
  return queued
}

class AlreadyMailed extends Error {}

function parsePayload(payload: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(payload)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
