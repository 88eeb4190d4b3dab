import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { freePort, startTestIdp, type TestIdp } from '../integration/support/oidc-provider'
import { anonymousVisitor, screenshot, startApp, uncaughtErrors, type E2EApp } from './fixtures/app'

/**
 * Organisation sign-in in the browser (issue 14): the sign-in page offers "Sign in with Test
 * IdP" (a real OpenID provider, oidc-provider, on loopback); Chromium clicks it, logs in on the
 * provider's own page, and lands back in Hononga signed in. The sign-in page with its buttons
 * is checked with axe and photographed.
 */

let idp: TestIdp
let app: E2EApp

beforeAll(async () => {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  idp = await startTestIdp(
    [{ clientId: 'hononga-e2e', clientSecret: 'secret-e2e', redirectUri: `${origin}/api/auth/oidc/test/callback` }],
    [{ sub: 'kiri', email: 'kiri@iwi.example.nz', email_verified: true, name: 'Kiri Te Ao' }],
  )
  const providers = [{ id: 'test', label: 'Test IdP', issuer: idp.issuer, clientId: 'hononga-e2e', clientSecret: 'secret-e2e' }]
  app = await startApp({ PORT: String(port), PUBLIC_ORIGIN: origin, OIDC_PROVIDERS: JSON.stringify(providers) })
}, 60_000)

afterAll(async () => {
  await app?.close()
  await idp?.close()
})

/** Serious and critical WCAG 2.x A/AA violations (axe-core), as the other screen tests check. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
}

describe('sign in with your organisation', () => {
  it('clicks "Sign in with Test IdP", logs in at the provider, and lands signed in', async () => {
    const { context, page } = await anonymousVisitor(app)
    await page.goto(`${app.url}/sign-in`)
    const button = page.getByRole('link', { name: 'Sign in with Test IdP' })
    await button.waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'sign-in-organisation-desktop')

    await button.click()
    // The provider's own development login page, then its consent page.
    await page.locator('input[name="login"]').fill('kiri')
    await page.locator('input[name="password"]').fill('any password')
    await page.getByRole('button', { name: 'Sign-in' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.waitForURL(`${app.url}/plans`)
    const me = await page.evaluate(async () => (await fetch('/api/me')).json())
    expect(me).toMatchObject({ email: 'kiri@iwi.example.nz', name: 'Kiri Te Ao' })
    expect(uncaughtErrors(page)).toEqual([])
    await context.close()
  })

  it('says in words why an organisation sign-in failed', async () => {
    const { context, page } = await anonymousVisitor(app, { width: 390, height: 844 })
    await page.goto(`${app.url}/sign-in?error=oidc_email_taken`)
    await page.getByRole('alert').filter({ hasText: 'A Hononga account already uses the email your organisation gave' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'sign-in-organisation-error-phone')
    await context.close()
  })
})
