import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { anonymousVisitor, screenshot, signedInPerson, startApp, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { seedPlan } from '../bench/seed-plan'

let app: E2EApp
let person: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  const seeded = await seedPlan(app.url, app.server.wsUrl, 'Aroha Facilitator')
  planId = seeded.planId
  person = await signedInPerson(app, 'Unused')
  // Browse as the facilitator who owns the seeded plan.
  const [name, value] = seeded.api.cookie!.split('=') as [string, string]
  await person.context.addCookies([{ name, value, url: app.url, httpOnly: true, sameSite: 'Lax' }])
})
afterAll(async () => {
  await app?.close()
})

/** Serious and critical WCAG 2.x A/AA violations (axe-core). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`)
}

const STEPS = ['focus-areas', 'environment', 'actions', 'monitoring'] as const

describe('accessibility (axe-core) and screenshots', () => {
  it('sign-in has no serious or critical violation', async () => {
    const { page, context } = await anonymousVisitor(app)
    await page.goto(`${app.url}/sign-in`)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'sign-in-desktop')
    await context.close()
  })

  it('the plan list has no serious or critical violation', async () => {
    await person.page.goto(`${app.url}/plans`)
    await person.page.getByRole('heading', { name: 'My plans' }).waitFor()
    await person.page.getByRole('link', { name: 'Te Teko community plan' }).waitFor()
    expect(await seriousViolations(person.page)).toEqual([])
    await screenshot(person.page, 'plans-desktop')
  })

  it.each(STEPS)('the %s step has no serious or critical violation', async (step) => {
    const workspace = new WorkspacePage(person.page, app.url)
    await workspace.open(planId, step)
    expect(await seriousViolations(person.page)).toEqual([])
  })

  it('every step, at desktop and phone width, is kept as a screenshot', async () => {
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 860 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await person.page.setViewportSize(viewport)
      const workspace = new WorkspacePage(person.page, app.url)
      for (const step of STEPS) {
        await workspace.open(planId, step)
        const file = await screenshot(person.page, `${step}-${label}`)
        expect(file).toMatch(/\.png$/)
      }
    }
    // At phone width nothing scrolls sideways.
    const overflow = await person.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
  })
})
