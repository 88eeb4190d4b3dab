import type { Repos } from '../repos/types'

/** One thing that needs a person, as a producer states it. */
export interface Notice {
  /** Whom it is for: a user id from the server's own records, never from a device. */
  userId: string
  planId: string | null
  /** changed-since-agreed, position-needed, action-due, action-overdue, review-due, comment-reply, hui-scheduled, hui-changed. */
  kind: string
  /** The same thing in the same period has the same key (`hui-changed:<huiId>:<version>`): it is recorded once, across restarts too. */
  dedupeKey: string
  /** What the list and the mail show: titles, dates, and `target` ({kind, id}) to link to the item. No secrets. */
  payload: Record<string, unknown>
  /** When its producer already emailed it (a hui invitation, with its calendar entry); the job then never mails it. */
  emailedAt?: number | null
}

/**
 * Records a notification for one person, once per (person, dedupe key): calling it again,
 * from any process or after a restart, changes nothing. Email goes out later, from the
 * notification job (server/src/notifications/job.ts), by the person's preferences. Pass the
 * transaction's repos to record it with what it tells of. Returns whether it was new.
 */
export async function notify(repos: Pick<Repos, 'notifications'>, notice: Notice, at: number = Date.now()): Promise<boolean> {
  return repos.notifications.insertNotification({ ...notice, at })
}
