import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { ApiClient } from '../integration/support/api'
import { startSmtpServer, type SmtpServer } from '../integration/support/smtp'
import { anonymousVisitor, screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp } from './fixtures/app'

/**
 * Password reset in the browser (issue 14): "Forgot password?" on the sign-in page, the mail
 * read from a real SMTP server on loopback, its link followed, a new password chosen, and the
 * person signed in. The two pages are checked with axe and photographed at desktop and phone width.
 */

let smtp: SmtpServer
let app: E2EApp

beforeAll(async () => {
  smtp = await startSmtpServer()
  app = await startApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Hononga <no-reply@hononga.test>' })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

/** Serious and critical WCAG 2.x A/AA violations (axe-core), as tests/e2e/a11y-and-screens.test.ts checks screens. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
}

const NEW_PASSWORD = 'pōhutukawa awa maunga tekau mā whā'

describe.each([
  { width: 1280, height: 860, label: 'desktop' },
  { width: 390, height: 844, label: 'phone' },
])('password reset at $label width', (viewport) => {
  it('forgot password → the emailed link → a new password → signed in', async () => {
    const person = await new ApiClient(app.url).register('Hine Reset')
    const email = person.user!.email
    const { context, page } = await anonymousVisitor(app, { width: viewport.width, height: viewport.height })

    await page.goto(`${app.url}/sign-in`)
    await page.getByRole('link', { name: 'Forgot password?' }).click()
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, `forgot-password-${viewport.label}`)
    await page.getByRole('textbox', { name: 'Email' }).fill(email)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    await page.getByRole('heading', { name: 'Check your email' }).waitFor()
    await page.getByText(`If an account uses ${email}`).waitFor()

    const mail = await smtp.waitForMessage(
      (m) => JSON.stringify(m.to).includes(email) && m.subject === 'Reset your Hononga password',
      30_000,
    )
    const link = /https?:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0]
    expect(link).toBeDefined()
    // The link is made for the public origin (PUBLIC_ORIGIN); the test server listens on a free port.
    const url = new URL(link!)
    await page.goto(`${app.url}${url.pathname}${url.hash}`)
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    // The token is taken off the address bar once read.
    expect(page.url()).toBe(`${app.url}/reset-password`)

    // The two fields must agree.
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('New password again').fill(`${NEW_PASSWORD}!`)
    await page.getByRole('button', { name: 'Save new password' }).click()
    await page.getByText('The two passwords are not the same').first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, `reset-password-${viewport.label}`)

    await page.getByLabel('New password again').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Save new password' }).click()
    await page.getByRole('heading', { name: 'My plans' }).waitFor()
    expect(await page.getByText(`Signed in as Hine Reset`).count()).toBeGreaterThan(0)

    // The old session is gone; the new password signs in.
    expect((await person.request('GET', '/api/me')).status).toBe(401)
    const fresh = await new ApiClient(app.url).request('POST', '/api/auth/login', { email, password: NEW_PASSWORD })
    expect(fresh.status).toBe(200)
    expect(uncaughtErrors(page)).toEqual([])
    await context.close()
  })
})

describe('email verification', () => {
  it('a quiet note asks to confirm the address, sends the link again, and the link confirms it', async () => {
    const person = await signedInPerson(app, 'Rawiri Verify')
    const { page } = person
    const email = person.api.user!.email
    await page.goto(`${app.url}/plans`)
    const note = page.getByRole('complementary', { name: 'Email not confirmed' })
    await note.getByText(`we sent a link to ${email}`).waitFor()
    await note.getByRole('button', { name: 'Send again' }).click()
    await note.getByText('Sent. Check your email for the new link.').waitFor()
    expect(await seriousViolations(page)).toEqual([])

    const isVerify = (m: { to?: unknown; subject?: string }) =>
      JSON.stringify(m.to).includes(email) && m.subject === 'Confirm your email for Hononga'
    // The registration's mail and the one sent again: the newer link works (both would, once).
    await smtp.waitForMessage((m) => smtp.messages.filter(isVerify).length === 2 && isVerify(m), 30_000)
    const latest = smtp.messages.filter(isVerify).at(-1)!
    const link = new URL(/https?:\/\/\S+\/verify-email#token=[A-Za-z0-9_-]+/.exec(latest.text ?? '')![0])
    await page.goto(`${app.url}${link.pathname}${link.hash}`)
    await page.getByText('Your email address is confirmed.').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'verify-email-desktop')
    expect(await note.count()).toBe(0)
    await page.getByRole('link', { name: 'Go to your plans' }).click()
    await page.getByRole('heading', { name: 'My plans' }).waitFor()
    expect(await note.count()).toBe(0)
    expect(uncaughtErrors(page)).toEqual([])
    await person.context.close()
  })
})
