import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ScheduledHuiList } from '@hononga/shared'
import { screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'

/**
 * Scheduling a hui in the browser (issue 14): a facilitator schedules one from the workspace,
 * a member (on a phone) answers "Yes"; the calendar feed is made on the settings page.
 * Screenshots and axe at desktop and phone width.
 */

let app: E2EApp
let mere: Person
let hemi: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  mere = await signedInPerson(app, 'Mere Facilitator')
  hemi = await signedInPerson(app, 'Hemi Member', { width: 390, height: 844 })
  planId = await mere.api.createPlan('Whakatāne community plan', 'Whakatāne')
  await mere.api.invite(planId, hemi.api, 'editor', 'agency', 'MSD')
})
afterAll(async () => {
  await app?.close()
})

/** Serious and critical WCAG 2.x A/AA violations (axe-core), by rule. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`)
}

describe('scheduling a hui', () => {
  it('a facilitator schedules a hui and a member on a phone says they are coming', async () => {
    const workspace = new WorkspacePage(mere.page, app.url)
    await workspace.open(planId)
    await mere.page.getByRole('button', { name: /^Upcoming hui/ }).click()
    const dialog = mere.page.getByRole('dialog', { name: 'Upcoming hui' })
    await dialog.getByRole('button', { name: 'Schedule a hui' }).click()
    await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill('Hui ā-hapori')
    await dialog.getByLabel('Date').fill('2099-03-10')
    await dialog.getByLabel('Starts').fill('18:00')
    await dialog.getByLabel('Ends').fill('20:00')
    await dialog.getByRole('textbox', { name: 'Place or marae' }).fill('Te Mānuka Tūtahi marae')
    await dialog.getByRole('textbox', { name: 'Online link (https://)' }).fill('https://meet.example.nz/hui')
    await dialog.getByRole('textbox', { name: /^Agenda/ }).fill('Karakia 5\nRangatahi housing 45')
    expect(await seriousViolations(mere.page)).toEqual([])
    await screenshot(mere.page, 'schedule-hui-form-desktop')
    await dialog.getByRole('button', { name: 'Schedule', exact: true }).click()

    const card = dialog.getByRole('article', { name: 'Hui ā-hapori' })
    await card.waitFor()
    await expect.poll(() => card.textContent()).toContain('Tuesday, 10 March 2099, 6:00 pm to 8:00 pm')
    expect(await card.textContent()).toContain('Te Mānuka Tūtahi marae')
    expect(await card.getByRole('link', { name: 'Join online' }).getAttribute('href')).toBe('https://meet.example.nz/hui')
    expect(await card.getByRole('listitem').allTextContents()).toEqual(['Karakia (5 min)', 'Rangatahi housing (45 min)'])
    expect(await seriousViolations(mere.page)).toEqual([])
    await screenshot(mere.page, 'schedule-hui-list-desktop')

    const list = await mere.api.request<ScheduledHuiList>('GET', `/api/plans/${planId}/scheduled-hui`)
    expect(list.body.upcoming.map((hui) => [hui.title, hui.startsAt])).toEqual([['Hui ā-hapori', Date.parse('2099-03-10T05:00:00Z')]])

    // The member, on a phone: the hui buttons are under "More".
    const phone = new WorkspacePage(hemi.page, app.url)
    await phone.open(planId)
    await hemi.page.getByRole('button', { name: 'More' }).click()
    await hemi.page.getByRole('button', { name: /^Upcoming hui/ }).click()
    const memberCard = hemi.page.getByRole('dialog', { name: 'Upcoming hui' }).getByRole('article', { name: 'Hui ā-hapori' })
    await memberCard.waitFor()
    expect(await memberCard.getByRole('button', { name: 'Change' }).count()).toBe(0)
    await memberCard.getByRole('button', { name: 'Yes' }).click()
    await expect.poll(() => memberCard.getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed')).toBe('true')
    expect(await memberCard.textContent()).toContain('1 yes, 0 maybe, 0 no')
    expect(await seriousViolations(hemi.page)).toEqual([])
    await screenshot(hemi.page, 'schedule-hui-answer-phone')

    const answered = await hemi.api.request<ScheduledHuiList>('GET', `/api/plans/${planId}/scheduled-hui`)
    expect(answered.body.upcoming[0]).toMatchObject({ myResponse: 'yes', counts: { yes: 1, no: 0, maybe: 0 } })
    expect(uncaughtErrors(mere.page)).toEqual([])
    expect(uncaughtErrors(hemi.page)).toEqual([])
  })

  it('makes a private calendar feed address on the settings page, reached from the header', async () => {
    await hemi.page.setViewportSize({ width: 1280, height: 860 })
    await hemi.page.goto(`${app.url}/plans`)
    await hemi.page.getByRole('link', { name: 'Settings' }).click()
    await hemi.page.getByRole('heading', { name: 'Calendar feed' }).waitFor()
    await hemi.page.getByRole('button', { name: 'Create a feed address' }).click()
    const address = hemi.page.getByRole('textbox', { name: 'Your feed address' })
    await address.waitFor()
    const url = await address.inputValue()
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/)
    const feed = await fetch(`${app.url}${new URL(url).pathname}`)
    expect(feed.status).toBe(200)
    expect(await feed.text()).toContain('SUMMARY:Hui ā-hapori')
    expect(await seriousViolations(hemi.page)).toEqual([])
    await screenshot(hemi.page, 'settings-calendar-feed-desktop')
    await hemi.page.setViewportSize({ width: 390, height: 844 })
    expect(await seriousViolations(hemi.page)).toEqual([])
    await screenshot(hemi.page, 'settings-calendar-feed-phone')

    await hemi.page.getByRole('button', { name: 'Revoke' }).click()
    await hemi.page.getByText('The feed address no longer works.').waitFor()
    expect((await fetch(`${app.url}${new URL(url).pathname}`)).status).toBe(404)
  })
})
