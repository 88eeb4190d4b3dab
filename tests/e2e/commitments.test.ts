import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { CommitmentRecord } from '@hononga/shared'
import { screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

/** The co-design commitments step (issue 13 §5), in the browser: writing Police's account, reading a partner's assessment. */

let app: E2EApp
let facilitator: Person
let partner: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  facilitator = await signedInPerson(app, 'Mere Facilitator')
  partner = await signedInPerson(app, 'Aroha Partner')
  // The facilitator speaks for Police (the plan's default), the partner for Ngāti Awa.
  planId = await facilitator.api.createPlan('Whakatāne community plan', 'Whakatāne')
  await facilitator.api.invite(planId, partner.api, 'viewer', 'iwi', 'Ngāti Awa')
})
afterAll(async () => {
  await app?.close()
})

/** Serious and critical WCAG 2.x A/AA violations (axe-core), as tests/e2e/a11y-and-screens.test.ts checks screens. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
}

const ACCOUNT = 'Every hui is held on the marae, and the kaumātua open it.'
const ASSESSMENT = 'Mostly met; the last hui was moved without asking us.'

describe('the commitments step', () => {
  it('Police write their account in the step; a partner’s assessment shows beneath it; desktop screenshot and axe', async () => {
    const assessed = await partner.api.request<CommitmentRecord>('PUT', `/api/plans/${planId}/commitments/te-tiriti`, { text: ASSESSMENT })
    expect(assessed.status).toBe(200)

    const page = facilitator.page
    await page.setViewportSize({ width: 1280, height: 900 })
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId, 'commitments')
    await page.getByRole('heading', { name: 'Commitments as a co-design partner', level: 2 }).waitFor()
    const tiriti = page.getByRole('region', { name: 'Te Tiriti o Waitangi and its principles' })
    await tiriti.getByText(ASSESSMENT).waitFor()
    await tiriti.getByText('Police have not given an account yet.').waitFor()

    // Police's account, through the form, by keyboard.
    const write = tiriti.getByRole('button', { name: 'Write Police’s account' })
    await write.click()
    const text = tiriti.getByLabel('How is “Te Tiriti o Waitangi and its principles” being met? (Police)')
    await waitFor(() => text.evaluate((area) => document.activeElement === area), { message: 'the text area has focus' })
    await page.keyboard.type(ACCOUNT)
    await tiriti.getByRole('button', { name: 'Save' }).click()
    // Focus goes back to the button that opened the form (its name changes once the account arrives).
    await waitFor(
      () =>
        page.evaluate(
          () => document.activeElement?.tagName === 'BUTTON' && document.activeElement.closest('[data-commitment="te-tiriti"]') !== null,
        ),
      { message: 'focus back on the button' },
    )

    // The account arrives from the server, Police's first, then the assessment.
    await tiriti.getByRole('button', { name: 'Change Police’s account' }).waitFor()
    const records = tiriti.locator('.commitment-record')
    await waitFor(async () => (await records.count()) === 2, { message: 'both records shown' })
    expect(await records.locator('.commitment-text').allTextContents()).toEqual([ACCOUNT, ASSESSMENT])
    expect(await records.nth(1).locator('.commitment-meta').textContent()).toMatch(
      /^Ngāti Awa, written by Aroha Partner · last reviewed on /,
    )
    const stored = await facilitator.api.request<{ plan: { commitments: CommitmentRecord[] } }>('GET', `/api/plans/${planId}/export.json`)
    expect(stored.body.plan.commitments.map((r) => [r.affiliation, r.text])).toEqual([
      ['police', ACCOUNT],
      ['iwi', ASSESSMENT],
    ])

    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'commitments-desktop')
    expect(uncaughtErrors(page)).toEqual([])
  })

  it('the partner reads them at phone width with nothing scrolling sideways; phone screenshot and axe', async () => {
    const page = partner.page
    await page.setViewportSize({ width: 390, height: 844 })
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId, 'commitments')
    const tiriti = page.getByRole('region', { name: 'Te Tiriti o Waitangi and its principles' })
    await tiriti.getByText(ACCOUNT).waitFor()
    // A viewer who speaks for Ngāti Awa changes its assessment here.
    await tiriti.getByRole('button', { name: 'Change Ngāti Awa’s assessment' }).waitFor()
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(sideways).toBeLessThanOrEqual(0)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'commitments-phone')
    expect(uncaughtErrors(page)).toEqual([])
  })

  it('a facilitator records a focus area’s engagement level with a select; a partner reads it as a label', async () => {
    const page = facilitator.page
    await page.setViewportSize({ width: 1280, height: 900 })
    const mine = new WorkspacePage(page, app.url)
    await mine.open(planId)
    await page.getByRole('button', { name: 'Add focus area' }).click()
    await page.getByRole('textbox', { name: 'Focus area title' }).first().fill('Rangatahi pathways')
    await mine.waitForState('saved')
    const select = page.getByRole('combobox', { name: 'Engagement level' })
    expect(await select.inputValue()).toBe('')
    await select.selectOption({ label: 'Partner / co-design' })
    await page.getByText('The decision is designed and made together, as equals.').waitFor()
    await waitFor(
      async () => {
        const exported = await facilitator.api.request<{ plan: { engagement: { level: string }[] } }>(
          'GET',
          `/api/plans/${planId}/export.json`,
        )
        return exported.body.plan.engagement.map((e) => e.level).join() === 'partner'
      },
      { message: 'the server recorded the level' },
    )
    expect(await seriousViolations(page)).toEqual([])

    const theirs = new WorkspacePage(partner.page, app.url)
    await theirs.open(planId)
    await partner.page.getByText('Engagement: Partner / co-design').waitFor()
    expect(await partner.page.getByRole('combobox', { name: 'Engagement level' }).count()).toBe(0)
    expect(uncaughtErrors(page)).toEqual([])
  })
})
