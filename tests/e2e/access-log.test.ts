import fs from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { AccessLogPage } from '@hononga/shared'
import { screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let facilitator: Person
let partner: Person
let planId: string

const TRUST = 'Kaingaroa Village Trust'
const TRUST_KEY = 'community:kaingaroa village trust'
/** More downloads than the panel shows on its first page (50), so that "Load more" has work to do. */
const API_DOWNLOADS = 55

beforeAll(async () => {
  app = await startApp()
  facilitator = await signedInPerson(app, 'Mere Facilitator')
  partner = await signedInPerson(app, 'Hone Partner')
  // The facilitator speaks for Police (the plan's default), the partner for a community trust.
  planId = await facilitator.api.createPlan('Kaingaroa community plan', 'Kaingaroa')
  await facilitator.api.invite(planId, partner.api, 'editor', 'community', TRUST)
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

const panel = (page: Page) => page.getByRole('dialog', { name: 'Who has accessed this plan' })
const entries = (dialog: Locator) => dialog.getByRole('list', { name: 'Accesses, newest first' }).getByRole('listitem')

/** Waits until every entry shown passes `test` and there are `count` of them (or at least one). */
async function waitForEntries(dialog: Locator, message: string, test: (text: string) => boolean, count?: number): Promise<string[]> {
  return waitFor(
    async () => {
      const texts = await entries(dialog).allTextContents()
      const fits = texts.length > 0 && texts.every(test) && (count === undefined || texts.length === count)
      return fits ? texts : null
    },
    { message },
  )
}

describe('the access log in the workspace', () => {
  it('a partner’s download is in the log the facilitator reads, named with its partner, and filters narrow it', async () => {
    // The partner opens the plan and downloads the actions as CSV, in the browser as people do.
    const theirs = new WorkspacePage(partner.page, app.url)
    await theirs.open(planId)
    await partner.page.getByRole('button', { name: 'Export' }).click()
    const [download] = await Promise.all([
      partner.page.waitForEvent('download'),
      partner.page.getByRole('link', { name: 'Actions (CSV)' }).click(),
    ])
    expect(await download.path()).toBeTruthy()
    // And many more times through the API: more than one page of the log.
    for (let i = 0; i < API_DOWNLOADS; i++) {
      const response = await partner.api.request('GET', `/api/plans/${planId}/export/actions.csv`)
      expect(response.status).toBe(200)
    }
    await waitFor(
      async () => {
        const log = await facilitator.api.request<AccessLogPage>(
          'GET',
          `/api/plans/${planId}/access-log?partner=${encodeURIComponent(TRUST_KEY)}&kind=export.csv&limit=100`,
        )
        return log.status === 200 && log.body.entries.length === API_DOWNLOADS + 1
      },
      { message: 'the server recorded every download' },
    )

    const page = facilitator.page
    const mine = new WorkspacePage(page, app.url)
    await mine.open(planId)
    const opener = page.getByRole('button', { name: 'Access log' })
    await opener.click()
    const dialog = panel(page)
    await dialog.getByRole('heading', { name: 'Who has accessed this plan' }).waitFor()
    await dialog.getByText('nobody can edit or delete it', { exact: false }).waitFor()
    await dialog.getByText('Showing 50 accesses.').waitFor()
    // Newest first: the facilitator's own visit, then the partner's downloads, each with its partner named.
    expect(await entries(dialog).first().textContent()).toContain('Mere Facilitator · Police')
    const download1 = entries(dialog).filter({ hasText: 'Hone Partner' }).first()
    expect(await download1.locator('p').allTextContents()).toEqual([
      `Hone Partner · ${TRUST}`,
      'downloaded the actions as CSV',
      expect.stringMatching(/^\d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} (am|pm)$/), // the shared NZ format: "29 Nov 2026, 2:14 pm"
    ])
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'access-log-desktop')

    // "Load more" adds the older entries below and takes focus to the first of them.
    await dialog.getByRole('button', { name: 'Load more' }).click()
    await waitFor(async () => (await entries(dialog).count()) > 50, { message: 'the second page' })
    await waitFor(
      () => page.evaluate(() => document.activeElement?.getAttribute('data-entry') !== null && document.activeElement?.tagName === 'LI'),
      {
        message: 'focus on the first entry added',
      },
    )
    const all = await entries(dialog).allTextContents()
    expect(all.filter((text) => text.includes(`Hone Partner · ${TRUST}`) && text.includes('downloaded the actions as CSV'))).toHaveLength(
      API_DOWNLOADS + 1,
    )

    // Narrowed to the trust: only its people's accesses.
    await dialog.getByLabel('Partner', { exact: true }).selectOption({ label: TRUST })
    await waitForEntries(dialog, 'only the trust’s accesses', (text) => text.includes(`· ${TRUST}`) && !text.includes('Police'), 50)
    // And to opening the plan: the partner's one visit today.
    await dialog.getByLabel('Kind of access').selectOption({ label: 'Opening the plan' })
    await waitForEntries(
      dialog,
      'the partner opening the plan',
      (text) => text.includes('Hone Partner') && text.includes('opened the plan'),
      1,
    )
    await dialog.getByText('Showing 1 access.').waitFor()
    expect(await dialog.getByRole('button', { name: 'Load more' }).count()).toBe(0)

    // The CSV link carries the same filters, and its file holds what the panel shows.
    const csv = dialog.getByRole('link', { name: 'Download as CSV' })
    expect(await csv.getAttribute('href')).toBe(
      `/api/plans/${planId}/access-log.csv?partner=${new URLSearchParams({ p: TRUST_KEY }).toString().slice(2)}&kind=plan.opened`,
    )
    const [logFile] = await Promise.all([page.waitForEvent('download'), csv.click()])
    const text = fs.readFileSync((await logFile.path())!, 'utf8')
    expect(text).toContain('Hone Partner')
    expect(text).not.toContain('Mere Facilitator')

    // A filter that matches nothing says so.
    await dialog.getByLabel('Kind of access').selectOption({ label: 'Template downloads' })
    await dialog.getByText('No access matches these filters.').waitFor()
    expect(await entries(dialog).count()).toBe(0)

    // Escape closes it, and focus goes back to the button that opened it.
    await page.keyboard.press('Escape')
    await waitFor(() => opener.evaluate((button) => document.activeElement === button), { message: 'focus back on Access log' })
    expect(uncaughtErrors(page)).toEqual([])
  })

  it('works at phone width, from the "More" menu', async () => {
    const page = facilitator.page
    await page.setViewportSize({ width: 390, height: 844 })
    const mine = new WorkspacePage(page, app.url)
    await mine.open(planId)
    await page.getByRole('button', { name: 'More' }).click()
    await page.getByRole('button', { name: 'Access log' }).click()
    const dialog = panel(page)
    await dialog.getByText('Showing 50 accesses.').waitFor()
    // Nothing wider than the screen: no sideways scrolling in the dialog or the page.
    const overflow = await dialog.evaluate((element) => ({
      dialog: element.scrollWidth - element.clientWidth,
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }))
    expect(overflow).toEqual({ dialog: 0, page: 0 })
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'access-log-phone')
    expect(uncaughtErrors(page)).toEqual([])
  })
})
