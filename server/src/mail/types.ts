import type { Repos } from '../repos/types'

/**
 * One email to send: who to, what about, both parts already rendered in the recipient's
 * language. Stored in the durable outbox (email_outbox) exactly as given.
 */
export interface OutgoingMail {
  to: string
  /** The recipient's account, when they have one (an invitee may not): kept for unsubscribe and clean-up. */
  userId: string | null
  /** What it is about (password-reset, verify-email, invite, hui-invite, notification, digest...). */
  kind: string
  subject: string
  text: string
  html: string
  /** Extra headers (List-Unsubscribe, ...). */
  headers?: Record<string, string>
  /** Attachments; `content` is text (an .ics file, for instance). */
  attachments?: { filename: string; contentType: string; content: string }[]
}

/**
 * Sends mail through the durable outbox. `enqueue` stores the message (inside the caller's
 * transaction when `tx` is given, so the mail is stored with what it tells of, or not at all)
 * and wakes the sender; delivery is at least once, with the same Message-ID on every attempt.
 * When SMTP is not configured `enabled` is false and `enqueue` throws: callers check first.
 */
export interface Mailer {
  readonly enabled: boolean
  /** `tx`: the repositories of the caller's open transaction (a `Repositories` is accepted too). */
  enqueue(mail: OutgoingMail, tx?: Repos): Promise<void>
}

/** Kinds that are part of an account's life (no unsubscribe link: the person asked for them). */
export const TRANSACTIONAL_KINDS: ReadonlySet<string> = new Set(['password-reset', 'verify-email'])
