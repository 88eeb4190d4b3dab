import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ApiClient } from '../integration/support/api'
import { anonymousVisitor, screenshot, signedInPerson, startApp, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { SEED_MARKER, seedPlan } from '../bench/seed-plan'

let app: E2EApp
let person: Person
let planId: string
let facilitatorApi: ApiClient

beforeAll(async () => {
  app = await startApp()
  const seeded = await seedPlan(app.url, app.server.wsUrl, 'Aroha Facilitator')
  planId = seeded.planId
  facilitatorApi = seeded.api
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
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')}`,
    )
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

  it('the action tracker has no serious or critical violation', async () => {
    await person.page.goto(`${app.url}/tracker`)
    await person.page.getByRole('heading', { name: 'Action tracker' }).waitFor()
    // The seeded actions are not agreed yet: the tracker says so, and lists them once asked to.
    await person.page.getByText('6 actions have not been agreed at a hui yet').waitFor()
    expect(await seriousViolations(person.page)).toEqual([])
    await screenshot(person.page, 'tracker-none-agreed-desktop')
    await person.page.getByRole('button', { name: 'Show them too' }).click()
    await person.page.getByText('Action 1: youth employment pathway').first().waitFor()
    expect(await person.page.getByRole('checkbox', { name: 'Include not yet agreed' }).isChecked()).toBe(true)
    expect(await seriousViolations(person.page)).toEqual([])
    await screenshot(person.page, 'tracker-desktop')
  })

  it('an item’s agreement, comments and the problem-solving guide have no serious or critical violation', async () => {
    const workspace = new WorkspacePage(person.page, app.url)
    await workspace.open(planId, 'actions')
    const page = person.page
    await page
      .getByRole('button', { name: /^Positions/ })
      .first()
      .click()
    await page
      .getByRole('button', { name: /^Comments/ })
      .first()
      .click()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'actions-agreement-comments-desktop')
    await page.getByRole('button', { name: 'Problem-solving guide' }).click()
    await page.getByRole('heading', { name: 'Problem-solving guide' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'panda-guide-desktop')
  })

  it('hui mode, its agenda and the minutes have no serious or critical violation', async () => {
    const workspace = new WorkspacePage(person.page, app.url)
    await workspace.open(planId, 'focus-areas')
    const page = person.page
    await page.getByRole('button', { name: 'Hui agenda' }).click()
    await page.getByRole('button', { name: 'Use the usual agenda' }).click()
    await page.getByRole('heading', { name: 'Hui agenda' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'hui-agenda-desktop')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Start hui' }).click()
    await page.locator('.hui-bar').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'hui-mode-desktop')
    await page.getByRole('button', { name: /^Parking lot/ }).click()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'hui-parking-desktop')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'End hui' }).click()
    await page.getByRole('button', { name: 'Yes, end the hui' }).click()
    await page.getByText('The hui has ended.').first().waitFor()
    const snapshots = await facilitatorApi.request<{ id: string; kind: string; label: string }[]>('GET', `/api/plans/${planId}/snapshots`)
    const minutes = snapshots.body.find((s) => s.kind === 'named' && s.label.startsWith('Minutes'))
    expect(minutes).toBeDefined()
    await page.goto(`${app.url}/plans/${planId}/minutes/${minutes!.id}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'minutes-desktop')
  })

  it('the printable plan and the plan history have no serious or critical violation', async () => {
    const page = person.page
    await page.goto(`${app.url}/plans/${planId}/print`)
    await page.getByText(SEED_MARKER).first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'print-desktop')
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId, 'focus-areas')
    await page.getByRole('button', { name: 'History' }).click()
    await page.getByRole('heading', { name: 'Plan history' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'history-desktop')
  })

  it('every step, at desktop and phone width, is kept as a screenshot; at phone width nothing scrolls sideways', async () => {
    const page = person.page
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 860 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport)
      const workspace = new WorkspacePage(page, app.url)
      for (const step of STEPS) {
        await workspace.open(planId, step)
        const file = await screenshot(page, `${step}-${label}`)
        expect(file).toMatch(/\.png$/)
        if (label === 'phone') expect(await sideways(), step).toBeLessThanOrEqual(0)
      }
    }
    // The pages people open on a phone after the hui: the tracker, the printable plan.
    await page.goto(`${app.url}/tracker?all=1`)
    await page.getByText('Action 1: youth employment pathway').first().waitFor()
    await screenshot(page, 'tracker-phone')
    expect(await sideways(), 'tracker').toBeLessThanOrEqual(0)
    await page.goto(`${app.url}/plans/${planId}/print`)
    await page.getByText(SEED_MARKER).first().waitFor()
    await screenshot(page, 'print-phone')
    expect(await sideways(), 'printable plan').toBeLessThanOrEqual(0)
  })
})
