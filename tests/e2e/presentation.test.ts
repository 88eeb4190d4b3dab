import AxeBuilder from '@axe-core/playwright'
import path from 'node:path'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addAgendaItem, listPriorityActions } from '@hononga/shared'
import type { ApiClient } from '../integration/support/api'
import { waitFor } from '../integration/support/wait'
import { connectPlan } from '../integration/support/yclient'
import { seedPlan } from '../bench/seed-plan'
import { ARTIFACTS, screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { recordPosition, WorkspacePage } from './fixtures/pages'

/*
 * Presentation mode and the sticky hui bar: a facilitator runs the hui from the projector with
 * the arrow keys while an iwi partner follows, in the workspace and in presentation mode.
 */

let app: E2EApp
let facilitatorApi: ApiClient
let police: Person
let iwi: Person
/** The iwi partner's second screen, in presentation mode. */
let iwiPresent: Page
let planId: string
let actionTitle: string

beforeAll(async () => {
  app = await startApp()
  const seeded = await seedPlan(app.url, app.server.wsUrl, 'Aroha Facilitator')
  planId = seeded.planId
  facilitatorApi = seeded.api
  police = await signedInPerson(app, 'Unused')
  // Browse as the facilitator who owns the seeded plan.
  const [name, value] = seeded.api.cookie!.split('=') as [string, string]
  await police.context.addCookies([{ name, value, url: app.url, httpOnly: true, sameSite: 'Lax' }])
  iwi = await signedInPerson(app, 'Tama Ngāti Awa')
  await facilitatorApi.invite(planId, iwi.api, 'editor', 'iwi', 'Ngāti Awa')

  // The agenda, as a facilitator's device writes it: an action with no minutes runs over at once.
  const client = await connectPlan(facilitatorApi, app.server.wsUrl, planId)
  await client.synced()
  const action = listPriorityActions(client.doc)[0]!
  actionTitle = action.title.toString()
  addAgendaItem(client.doc, { kind: 'karakia', durationMinutes: 5 })
  addAgendaItem(client.doc, { kind: 'step', stepId: 'focus-areas', durationMinutes: 10 })
  addAgendaItem(client.doc, { kind: 'item', target: { kind: 'action', id: action.id }, stepId: 'actions', durationMinutes: 0 })
  addAgendaItem(client.doc, { kind: 'closing', durationMinutes: 5 })
  const check = await connectPlan(facilitatorApi, app.server.wsUrl, planId)
  await waitFor(() => Y.encodeStateVector(check.doc).toString() === Y.encodeStateVector(client.doc).toString(), {
    message: 'agenda stored',
  })
  check.destroy()
  client.destroy()
})
afterAll(async () => {
  await app?.close()
})

/** Serious and critical WCAG 2.x A/AA violations (axe-core), as in a11y-and-screens.test.ts. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
}

const presentedTitle = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()
async function waitForTitle(page: Page, title: string, message: string): Promise<void> {
  await waitFor(async () => (await presentedTitle(page)) === title, { message })
}

/** The hui bar's box against the viewport: on screen means its top and bottom are inside it. */
async function barOnScreen(page: Page): Promise<{ top: number; bottom: number; height: number; viewport: number }> {
  return page.locator('.hui-bar').evaluate((bar) => {
    const box = bar.getBoundingClientRect()
    return { top: box.top, bottom: box.bottom, height: box.height, viewport: window.innerHeight }
  })
}
function expectInside(box: { top: number; bottom: number; viewport: number }, what: string): void {
  expect(box.top, what).toBeGreaterThanOrEqual(0)
  expect(box.bottom, what).toBeLessThanOrEqual(box.viewport)
}

/** A screenshot of what is on screen now (the sticky bar where it sits), beside the full-page ones. */
async function viewportShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, 'screenshots', `${name}.png`) })
}

describe('presentation mode and the sticky hui bar', () => {
  it('the facilitator presents with the arrow keys; the iwi partner follows, on a screen of their own too', async () => {
    const a = new WorkspacePage(police.page, app.url)
    const b = new WorkspacePage(iwi.page, app.url)
    await b.open(planId, 'actions')
    await recordPosition(iwi, 'Ngāti Awa', 'Agree')
    await a.open(planId, 'focus-areas')
    await b.open(planId, 'focus-areas')

    await police.page.getByRole('button', { name: 'Start hui' }).click()
    await iwi.page.locator('.hui-bar').waitFor()
    await waitFor(() => iwi.page.getByRole('checkbox', { name: 'Follow the facilitator' }).isChecked(), { message: 'following' })

    // The facilitator opens presentation mode on the projector (1280×720).
    await police.page.setViewportSize({ width: 1280, height: 720 })
    await police.page.getByRole('link', { name: 'Present', exact: true }).click()
    await waitFor(() => new URL(police.page.url()).pathname === `/plans/${planId}/present`, { message: 'presentation opened' })
    await waitForTitle(police.page, 'Karakia', 'the current item presented')
    await police.page.getByText('Item 1 of 4').waitFor()
    await police.page.getByText('Next: Focus areas').waitFor()
    expect(await police.page.locator('.present [role="timer"]').textContent()).toMatch(/\d+:\d\d left/)
    // The app's own header gives the item the screen.
    expect(await police.page.locator('.app-header').isVisible()).toBe(false)
    await screenshot(police.page, 'present-1280x720')
    expect(await seriousViolations(police.page)).toEqual([])

    // The iwi partner presents on a second screen of their own.
    iwiPresent = await iwi.context.newPage()
    await iwiPresent.setViewportSize({ width: 390, height: 844 })
    await iwiPresent.goto(`${app.url}/plans/${planId}/present`)
    await waitForTitle(iwiPresent, 'Karakia', 'the follower presents the current item')

    // → moves the hui: the follower's presentation and their workspace's bar change with it.
    await police.page.keyboard.press('ArrowRight')
    await waitForTitle(police.page, 'Focus areas', 'the facilitator moved on')
    await waitForTitle(iwiPresent, 'Focus areas', 'the follower sees the item change')
    await waitFor(async () => (await iwi.page.locator('.hui-current-title').textContent()) === 'Focus areas', {
      message: 'the workspace bar changes too',
    })
    await waitFor(async () => (await police.page.locator('.present [role="status"]').last().textContent())?.includes('Item 2 of 4'), {
      message: 'the new item announced politely',
    })

    // A follower's → moves only their own screen, and they can go back to where the hui is.
    await iwiPresent.keyboard.press('ArrowRight')
    await waitForTitle(iwiPresent, actionTitle, 'the follower looks ahead')
    await iwiPresent.getByText('You are looking ahead on your own').waitFor()
    expect(await presentedTitle(police.page)).toBe('Focus areas')
    await screenshot(iwiPresent, 'present-390x844-own-view')
    expect(await seriousViolations(iwiPresent)).toEqual([])
    await iwiPresent.getByRole('button', { name: 'Back to the current item' }).click()
    await waitForTitle(iwiPresent, 'Focus areas', 'back to the current item')

    // → again: the action, its results chain, the partners' positions, and its timer over time.
    await police.page.keyboard.press('ArrowRight')
    await waitForTitle(police.page, actionTitle, 'the action presented')
    await police.page.getByRole('term').filter({ hasText: 'Outcome' }).waitFor()
    await police.page.locator('.present-partner-agree', { hasText: 'Ngāti Awa' }).waitFor()
    const timer = police.page.locator('.present [role="timer"]')
    await waitFor(async () => (await timer.getAttribute('data-kind')) === 'over' && (await timer.textContent())?.includes('Time is up'), {
      message: 'the timer says it is over',
    })
    await waitFor(
      async () => (await police.page.locator('.present [role="status"]').allTextContents()).some((text) => text.includes('Time is up for')),
      { message: 'over time announced' },
    )
    await screenshot(police.page, 'present-action-1280x720')
    expect(await seriousViolations(police.page)).toEqual([])

    // Following jumped the iwi workspace to the action: the bar is on screen, the item below it.
    await waitFor(() => new URL(iwi.page.url()).pathname === `/plans/${planId}/actions`, { message: 'follow jumps to the step' })
    await waitFor(
      async () => {
        const heading = iwi.page.getByRole('heading', { name: actionTitle }).first()
        const headingTop = await heading.evaluate((element) => element.getBoundingClientRect().top)
        const bar = await barOnScreen(iwi.page)
        return bar.top >= 0 && bar.bottom <= bar.viewport && headingTop >= bar.bottom - 1 && headingTop < bar.viewport
      },
      { message: 'the followed item is in view below the sticky bar' },
    )
    await viewportShot(iwi.page, 'hui-bar-after-follow-desktop')

    // At the projector at 150%: the same page at device scale 1.5.
    const hiDpi = await app.browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1.5, locale: 'en-NZ' })
    await hiDpi.addCookies(await police.context.cookies())
    const hiDpiPage = await hiDpi.newPage()
    await hiDpiPage.goto(`${app.url}/plans/${planId}/present`)
    await waitForTitle(hiDpiPage, actionTitle, 'presented at scale 1.5')
    await screenshot(hiDpiPage, 'present-1280x720@1.5')
    await hiDpi.close()

    // ← goes back an item; Escape goes back to the workspace, at the item's step.
    await police.page.keyboard.press('ArrowLeft')
    await waitForTitle(police.page, 'Focus areas', 'back an item')
    await waitForTitle(iwiPresent, 'Focus areas', 'the follower goes back too')
    await police.page.keyboard.press('Escape')
    await waitFor(() => new URL(police.page.url()).pathname === `/plans/${planId}/focus-areas`, { message: 'Escape goes back' })
    await police.page.locator('.hui-bar').waitFor()
    expect(await police.page.locator('.app-header').isVisible()).toBe(true)
    expect(uncaughtErrors(police.page)).toEqual([])
    expect(uncaughtErrors(iwiPresent)).toEqual([])
  })

  it('pause, resume and +5 min on the bar change the timer for everyone', async () => {
    await police.page.setViewportSize({ width: 1280, height: 860 })
    const timerOf = (page: Page, scope: string) => page.locator(`${scope} [role="timer"]`).first()
    const everyone = [timerOf(iwi.page, '.hui-bar'), timerOf(iwiPresent, '.present'), timerOf(police.page, '.hui-bar')]
    const minutesLeft = async (locator: (typeof everyone)[number]) =>
      Number(/(\d+):\d\d left/.exec((await locator.textContent()) ?? '')?.[1] ?? NaN)
    await waitFor(async () => (await minutesLeft(everyone[0]!)) >= 0, { message: 'the focus-areas item has time left' })
    const before = await minutesLeft(everyone[1]!)

    await police.page.getByRole('button', { name: 'Pause timer' }).click()
    for (const timer of everyone) {
      await waitFor(async () => (await timer.getAttribute('data-paused')) === 'true' && (await timer.textContent())?.includes('Paused'), {
        message: 'paused for everyone',
      })
    }
    await police.page.getByRole('button', { name: 'Resume timer' }).click()
    for (const timer of everyone)
      await waitFor(async () => (await timer.getAttribute('data-paused')) === null, { message: 'running again' })
    await police.page.getByRole('button', { name: 'Add 5 minutes' }).click()
    for (const timer of everyone) {
      await waitFor(async () => (await minutesLeft(timer)) >= before + 4, { message: 'five more minutes for everyone' })
    }
  })

  it('the bar stays on screen at the bottom of a long step, at desktop and phone width, axe-clean', async () => {
    for (const [label, viewport, page] of [
      ['desktop', { width: 1280, height: 720 }, iwi.page],
      ['phone', { width: 390, height: 844 }, iwi.page],
      ['facilitator-desktop', { width: 1280, height: 720 }, police.page],
      ['facilitator-phone', { width: 390, height: 844 }, police.page],
    ] as const) {
      await page.setViewportSize(viewport)
      const workspace = new WorkspacePage(page, app.url)
      // The step the facilitator is on, so following does not move the page while it is measured.
      await workspace.open(planId, 'focus-areas')
      await page.locator('.hui-bar').waitFor()
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      await waitFor(() => page.evaluate(() => window.scrollY > 0), { message: `${label}: scrolled down` })
      const bar = await barOnScreen(page)
      expectInside(bar, `${label}: the bar at the bottom of the step`)
      // Compact enough to leave the plan most of the screen.
      expect(bar.height, `${label}: bar height`).toBeLessThan(viewport.height * 0.4)
      await viewportShot(page, `hui-bar-sticky-${label}`)
      expect(await seriousViolations(page)).toEqual([])
      await page.setViewportSize({ width: 1280, height: 860 })
      expect(uncaughtErrors(page)).toEqual([])
    }
  })
})
