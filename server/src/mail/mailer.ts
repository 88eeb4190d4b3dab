import crypto from 'node:crypto'
import { newId } from '../db/ids'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Repos, Repositories } from '../repos/types'
import { MailSender } from './sender'
import type { Mailer, OutgoingMail } from './types'

/** A Mailer whose sender runs in this process: started with the server, stopped with it. */
export interface RunningMailer extends Mailer {
  /** Starts sending what is due (this process's share of the outbox). */
  start(): void
  /** Stops sending; a message being sent is left to its claim's expiry, never lost. */
  stop(): Promise<void>
}

/** Mail when SMTP_URL is unset: nothing is stored or sent, and asking to send is a programming error. */
export const disabledMailer: RunningMailer = {
  enabled: false,
  enqueue() {
    return Promise.reject(new Error('Email is not configured (SMTP_URL is unset): check mailer.enabled first'))
  },
  start() {},
  stop: () => Promise.resolve(),
}

/** The domain of the From address, for Message-IDs (RFC 5322 wants a domain the sender may speak for). */
export function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'hononga.invalid'
}

export interface MailerDeps {
  config: Pick<Config, 'mail'>
  repos: Repositories
  log: Logger
  now: () => number
}

/**
 * The installation's Mailer: `disabledMailer` without SMTP_URL, else a durable outbox with a
 * sender. Each message gets its Message-ID when enqueued, so every attempt carries the same one.
 */
export function createMailer({ config, repos, log, now }: MailerDeps): RunningMailer {
  const settings = config.mail
  if (!settings) return disabledMailer
  const sender = new MailSender({ settings, repos, log, now })
  const domain = messageIdDomain(settings.from)
  return {
    enabled: true,
    async enqueue(mail: OutgoingMail, tx?: Repos) {
      const extra = JSON.stringify({ headers: mail.headers ?? {}, attachments: mail.attachments ?? [] })
      const row = {
        id: newId(),
        messageId: `${crypto.randomUUID()}@${domain}`,
        to: mail.to,
        userId: mail.userId,
        kind: mail.kind,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        extra,
        now: now(),
      }
      await (tx ?? repos).mail.enqueueMail(row)
      // Inside a transaction the row is visible once it commits: wake soon, and again a little
      // later in case the commit took longer (the 30 s tick would find it anyway).
      sender.wakeSoon(tx ? [50, 1000] : [0])
    },
    start: () => sender.start(),
    stop: () => sender.stop(),
  }
}
