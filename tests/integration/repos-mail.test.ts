import { expect, it } from 'vitest'
import { mailRetryDelay, type OutboxInput } from '../../server/src/db/mail'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * The email outbox repository, on SQLite and on PostgreSQL with the same assertions: what the
 * sender relies on for "no mail lost, at least once, same Message-ID": due rows are claimed by
 * one sender at a time, a claim expires, a failure backs off, and too many give up.
 */

const now = 1_750_000_000_000
const SECOND = 1000
const BASE = 30 * SECOND

let counter = 0
function mail(overrides: Partial<OutboxInput> = {}): OutboxInput {
  counter++
  return {
    id: `mail${String(counter).padStart(12, '0')}`,
    messageId: `m${counter}.${now}@hononga.test`,
    to: `person${counter}@example.nz`,
    userId: null,
    kind: 'invite',
    subject: 'Kia ora',
    text: 'text part',
    html: '<p>html part</p>',
    extra: JSON.stringify({ headers: { 'X-Test': '1' } }),
    now,
    ...overrides,
  }
}

const claim = (repos: Repos, at: number, limit = 10, lockMs = 60 * SECOND) =>
  repos.mail.claimDueMail({ now: at, lockUntil: at + lockMs, limit })

describeRepos('email outbox', (repos) => {
  it('claims a due message once, with everything needed to send it, until its claim expires', async () => {
    const input = mail()
    await repos().mail.enqueueMail(input)
    const [claimed, ...rest] = await claim(repos(), now)
    expect(rest).toEqual([])
    expect(claimed).toMatchObject({
      id: input.id,
      messageId: input.messageId,
      toAddress: input.to,
      kind: 'invite',
      subject: 'Kia ora',
      textBody: 'text part',
      htmlBody: '<p>html part</p>',
      extra: input.extra,
      attempts: 0,
    })
    // Held: another sender (or the next round) does not take it...
    expect(await claim(repos(), now + SECOND)).toEqual([])
    // ...until the claim runs out (its sender died): then it is due again, same Message-ID.
    const [again] = await claim(repos(), now + 61 * SECOND)
    expect(again?.messageId).toBe(input.messageId)
  })

  it('never gives one message to two claims made at once', async () => {
    for (let i = 0; i < 6; i++) await repos().mail.enqueueMail(mail())
    const [a, b, c] = await Promise.all([claim(repos(), now, 3), claim(repos(), now, 3), claim(repos(), now, 3)])
    const ids = [...a!, ...b!, ...c!].map((row) => row.id)
    expect(ids).toHaveLength(6)
    expect(new Set(ids).size).toBe(6)
  })

  it('takes nothing not yet due, and nothing sent', async () => {
    const later = mail({ now: now + 10 * SECOND })
    const sent = mail()
    await repos().mail.enqueueMail(later)
    await repos().mail.enqueueMail(sent)
    const [first] = await claim(repos(), now)
    expect(first?.id).toBe(sent.id)
    await repos().mail.markMailSent(sent.id, now + 1)
    expect((await claim(repos(), now + 11 * SECOND)).map((row) => row.id)).toEqual([later.id])
    // Sent is final, even once its claim would have expired.
    expect((await claim(repos(), now + 3600 * SECOND)).map((row) => row.id)).toEqual([later.id])
    expect(await repos().mail.findOutboxMail(sent.messageId)).toMatchObject({ sentAt: now + 1, attempts: 1, failedAt: null })
  })

  it('backs off after a failure (30 s, 2 min, 10 min ... an hour) and gives up after the last attempt', async () => {
    const input = mail()
    await repos().mail.enqueueMail(input)
    let at = now
    const delays: number[] = []
    for (let attempt = 1; attempt <= 4; attempt++) {
      const [row] = await claim(repos(), at)
      expect(row?.id).toBe(input.id)
      const outcome = await repos().mail.markMailFailed({
        id: input.id,
        now: at,
        error: `refused ${attempt}`,
        retryBaseMs: BASE,
        maxAttempts: 4,
      })
      expect(outcome).toEqual({ attempts: attempt, gaveUp: attempt === 4 })
      const state = await repos().mail.findOutboxMail(input.messageId)
      expect(state?.lastError).toBe(`refused ${attempt}`)
      if (attempt === 4) {
        expect(state?.failedAt).toBe(at)
        break
      }
      delays.push(state!.nextAttemptAt - at)
      // Not before the back-off has passed.
      expect(await claim(repos(), state!.nextAttemptAt - 1)).toEqual([])
      at = state!.nextAttemptAt
    }
    expect(delays).toEqual([30 * SECOND, 120 * SECOND, 600 * SECOND])
    expect(mailRetryDelay(50, BASE)).toBe(3600 * SECOND)
    // Given up: never claimed again.
    expect(await claim(repos(), at + 10 * 3600 * SECOND)).toEqual([])
  })

  it('stores a message only if the transaction it was enqueued in commits', async () => {
    const kept = mail()
    const dropped = mail()
    await repos().transaction(async (tx) => tx.mail.enqueueMail(kept))
    await expect(
      repos().transaction(async (tx) => {
        await tx.mail.enqueueMail(dropped)
        throw new Error('the invite failed')
      }),
    ).rejects.toThrow('the invite failed')
    expect(await repos().mail.findOutboxMail(kept.messageId)).not.toBeNull()
    expect(await repos().mail.findOutboxMail(dropped.messageId)).toBeNull()
  })

  it('unsubscribes a person from one kind, sets their language, and knows their address', async () => {
    const user = await repos().users.insertUser({ email: 'mere@example.nz', name: 'Mere', passwordHash: 'x', now })
    expect(await repos().mail.findMailRecipient(user.id)).toEqual({ email: 'mere@example.nz', name: 'Mere', language: 'en' })
    await repos().mail.setUserLanguage(user.id, 'mi')
    expect((await repos().mail.findMailRecipient(user.id))?.language).toBe('mi')
    expect(await repos().mail.unsubscribeKind(user.id, 'invite')).toBe(true)
    expect(await repos().mail.unsubscribeKind(user.id, 'invite')).toBe(true)
    expect(await repos().notifications.getNotificationPrefs(user.id)).toMatchObject({ invite: 'never' })
    expect(await repos().mail.unsubscribeKind('nobodyAAAAAAAAAA', 'invite')).toBe(false)
    expect(await repos().mail.findMailRecipient('nobodyAAAAAAAAAA')).toBeNull()
  })
})
