import nodemailer, { type Transporter } from 'nodemailer'
import type { Config } from '../config'
import type { OutboxMail } from '../db/mail'
import type { Logger } from '../log'
import type { Repositories } from '../repos/types'

/** How often the sender looks for due mail when nothing woke it (retries fall due this way). */
export const MAIL_POLL_MS = 30_000
/** Messages claimed at once: small, so a claim's lock comfortably covers sending all of them. */
const BATCH = 5
/**
 * How long a claim holds its rows. Sending one message is bounded by the SMTP timeouts below
 * (about 2 minutes at worst), so a batch normally ends well inside it; a process that dies
 * holding a claim delays those messages by at most this long.
 */
const CLAIM_MS = 10 * 60_000
/** Batches per wake-up, so one wake-up cannot run unbounded while mail keeps arriving. */
const MAX_BATCHES = 50
/** How long stop() waits for the message in flight before leaving it to its claim's expiry. */
const STOP_WAIT_MS = 5_000

export interface SenderDeps {
  settings: NonNullable<Config['mail']>
  repos: Repositories
  log: Logger
  now: () => number
}

interface Extra {
  headers?: Record<string, string>
  attachments?: { filename: string; contentType: string; content: string }[]
}

/**
 * Delivers the outbox over SMTP (nodemailer): claims due rows, sends each with its stored
 * Message-ID, and marks it sent only once the SMTP server accepted it, so delivery is at least
 * once. A failure is retried with back-off (db/mail.ts mailRetryDelay) until MAIL_MAX_ATTEMPTS.
 * Several processes may run one each: claims keep them off each other's rows.
 */
export class MailSender {
  private readonly transport: Transporter
  private timer: NodeJS.Timeout | undefined
  private readonly pending = new Set<NodeJS.Timeout>()
  private running: Promise<void> | undefined
  private again = false
  private stopped = false

  constructor(private readonly deps: SenderDeps) {
    // Timeouts bound one attempt, so a claim (CLAIM_MS) outlasts the batch it covers.
    const url = new URL(deps.settings.smtpUrl)
    for (const [name, ms] of [
      ['connectionTimeout', 30_000],
      ['greetingTimeout', 30_000],
      ['socketTimeout', 60_000],
    ] as const) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms))
    }
    this.transport = nodemailer.createTransport(url.toString())
  }

  start(): void {
    if (this.timer || this.stopped) return
    this.timer = setInterval(() => this.wake(), MAIL_POLL_MS)
    this.timer.unref()
    this.wake()
  }

  /** Looks for due mail after each of the given delays (ms). */
  wakeSoon(delays: number[]): void {
    if (this.stopped || !this.timer) return
    for (const ms of delays) {
      const t = setTimeout(() => {
        this.pending.delete(t)
        this.wake()
      }, ms)
      this.pending.add(t)
    }
  }

  /** Sends what is due now; when already sending, goes round once more afterwards. */
  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.drain()
      .catch((error: unknown) => this.deps.log.error({ event: 'mail.sender_error', err: String(error) }, 'mail sender failed'))
      .finally(() => {
        this.running = undefined
        if (this.again && !this.stopped) {
          this.again = false
          this.wake()
        }
      })
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.timer)
    for (const t of this.pending) clearTimeout(t)
    this.pending.clear()
    if (this.running) {
      let timeout: NodeJS.Timeout | undefined
      await Promise.race([this.running, new Promise((resolve) => (timeout = setTimeout(resolve, STOP_WAIT_MS)))])
      clearTimeout(timeout)
    }
    this.transport.close()
  }

  private async drain(): Promise<void> {
    const { repos, now } = this.deps
    for (let batch = 0; batch < MAX_BATCHES && !this.stopped; batch++) {
      const claimed = await repos.mail.claimDueMail({ now: now(), lockUntil: now() + CLAIM_MS, limit: BATCH })
      // Rows left unsent after a stop stay claimed until CLAIM_MS passes, then any process sends them.
      for (const mail of claimed) if (!this.stopped) await this.send(mail)
      if (claimed.length < BATCH) return
    }
  }

  private async send(mail: OutboxMail): Promise<void> {
    const { repos, log, now, settings } = this.deps
    const extra = JSON.parse(mail.extra) as Extra
    try {
      await this.transport.sendMail({
        from: settings.from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        messageId: `<${mail.messageId}>`,
        headers: extra.headers ?? {},
        attachments: (extra.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const outcome = await repos.mail.markMailFailed({
        id: mail.id,
        now: now(),
        error: message,
        retryBaseMs: settings.retryBaseMs,
        maxAttempts: settings.maxAttempts,
      })
      const fields = { messageId: mail.messageId, kind: mail.kind, attempts: outcome.attempts, error: message }
      if (outcome.gaveUp) log.error({ event: 'mail.failed', ...fields }, 'gave up sending a mail')
      else log.warn({ event: 'mail.retry', ...fields }, 'sending a mail failed; it will be retried')
      return
    }
    // Accepted by the SMTP server: from here a crash before this write means one duplicate, never a loss.
    await repos.mail.markMailSent(mail.id, now())
    log.info({ event: 'mail.sent', messageId: mail.messageId, kind: mail.kind, attempts: mail.attempts + 1 }, 'mail sent')
  }
}
