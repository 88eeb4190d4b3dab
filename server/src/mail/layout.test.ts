import { afterEach, describe, expect, it } from 'vitest'
import { createTestDeps, type TestContext } from '../test-support'
import { mailLayout } from './layout'
import { disabledMailer, messageIdDomain } from './mailer'
import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token'

describe('mailLayout', () => {
  it('escapes every string in the HTML part and keeps the text part plain', () => {
    const { text, html } = mailLayout('mi', {
      heading: 'Kia ora <Mere> & "Hemi"',
      paragraphs: ['<script>alert(1)</script>'],
      button: { label: 'Open', url: 'https://example.nz/invite/a"b' },
      footer: 'Stop: https://example.nz/api/unsubscribe?token=x&y',
    })
    expect(html).toContain('<html lang="mi">')
    expect(html).not.toContain('<script>')
    expect(html).toContain('&#60;script&#62;')
    expect(html).toContain('href="https://example.nz/invite/a&#34;b"')
    expect(html).toContain('<a href="https://example.nz/api/unsubscribe?token=x&#38;y">')
    expect(text).toContain('Kia ora <Mere> & "Hemi"')
    expect(text).toContain('Open: https://example.nz/invite/a"b')
  })
})

describe('unsubscribe tokens', () => {
  let t: TestContext | undefined
  afterEach(async () => {
    await t?.cleanup()
    t = undefined
  })

  it('name the person and kind they were made for, and nothing once altered', async () => {
    t = await createTestDeps()
    const token = await unsubscribeToken(t.deps.repos, 'userAAAAAAAAAAAA', 'notification')
    expect(await readUnsubscribeToken(t.deps.repos, token)).toEqual({ userId: 'userAAAAAAAAAAAA', kind: 'notification' })
    const altered = token.replace('notification', 'digest')
    expect(await readUnsubscribeToken(t.deps.repos, altered)).toBeNull()
    expect(await readUnsubscribeToken(t.deps.repos, 'garbage')).toBeNull()
  })
})

describe('mailer', () => {
  it('refuses to enqueue when mail is off, and takes Message-ID domains from the From address', async () => {
    expect(disabledMailer.enabled).toBe(false)
    await expect(
      disabledMailer.enqueue({ to: 'a@example.nz', userId: null, kind: 'invite', subject: 's', text: 't', html: 'h' }),
    ).rejects.toThrow(/not configured/)
    expect(messageIdDomain('Hononga <no-reply@hononga.example.nz>')).toBe('hononga.example.nz')
    expect(messageIdDomain('no-reply@hononga.test')).toBe('hononga.test')
  })
})
