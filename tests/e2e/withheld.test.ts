import fs from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addPriorityAction, originOf, type AccessLogPage } from '@hononga/shared'
import { screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'
import { ClientPool } from '../integration/support/yclient'

/**
 * Partners decide what leaves the plan (issue 13 §3) in the browser: Ngāti Awa withholds the
 * action it contributed; a third person's CSV export lacks it and says so; they ask for a
 * release, Ngāti Awa approves it, and their next export (with the release) includes it; the
 * access log has the request, the decision and both downloads. The releases panel is checked
 * with axe and photographed at desktop and phone width.
 */

const SHARED = 'Weekly community patrol'
const WITHHELD = 'Kaumātua knowledge of the awa'

let app: E2EApp
let mere: Person
let tama: Person
let rawiri: Person
let planId: string
const pool = new ClientPool()

beforeAll(async () => {
  app = await startApp()
  mere = await signedInPerson(app, 'Mere Facilitator')
  tama = await signedInPerson(app, 'Tama Kaumātua')
  rawiri = await signedInPerson(app, 'Rawiri Analyst')
  // Mere speaks for Police (the plan's default), Tama for Ngāti Awa, Rawiri for an agency.
  planId = await mere.api.createPlan('Whakatāne community plan', 'Whakatāne')
  await mere.api.invite(planId, tama.api, 'editor', 'iwi', 'Ngāti Awa')
  await mere.api.invite(planId, rawiri.api, 'editor', 'agency', 'Ministry of Social Development')
  addPriorityAction((await pool.join(mere.api, app.server.wsUrl, planId)).doc, { title: SHARED })
  const tamas = await pool.join(tama.api, app.server.wsUrl, planId)
  const withheld = addPriorityAction(tamas.doc, { title: WITHHELD })
  await waitFor(() => originOf(tamas.doc, 'action', withheld)?.partner === 'iwi:ngāti awa', { message: 'Ngāti Awa contributed it' })
})
afterAll(async () => {
  pool.destroyAll()
  await app?.close()
})

/** Serious and critical WCAG 2.x A/AA violations (axe-core), as tests/e2e/a11y-and-screens.test.ts checks screens. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
}

const releases = (page: Page) => page.getByRole('dialog', { name: 'Releases of withheld items' })
const readDownload = async (download: { path(): Promise<string | null> }) => fs.readFileSync((await download.path())!, 'utf8')

/** Downloads a file from the Export menu by its link's name. */
async function exportFile(page: Page, link: string): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link, exact: true }).click()])
  const text = await readDownload(download)
  await page.keyboard.press('Escape')
  return text
}

describe('withheld items and releases in the workspace', () => {
  it('a withheld action leaves the plan only once its partner approves a release, and the log shows both', async () => {
    // Tama withholds Ngāti Awa's action; Police's action offers Tama no such switch.
    const tamaPage = tama.page
    await new WorkspacePage(tamaPage, app.url).open(planId, 'actions')
    const toggle = tamaPage.getByRole('switch', { name: 'Needs our approval before it leaves the plan' })
    await toggle.first().waitFor()
    expect(await toggle.count()).toBe(1)
    await toggle.click()
    await tamaPage.getByText('Withheld by Ngāti Awa').first().waitFor()

    // Rawiri, a third partner, still sees it in the workspace, marked, but not in the CSV, which says who withheld it.
    const page = rawiri.page
    await new WorkspacePage(page, app.url).open(planId, 'actions')
    await page.getByText('Withheld by Ngāti Awa').first().waitFor()
    expect(await page.getByRole('switch').count()).toBe(0)
    const before = await exportFile(page, 'Actions (CSV)')
    expect(before).toContain(SHARED)
    expect(before).not.toContain(WITHHELD)
    expect(before).toContain('Withheld by Ngāti Awa: 1 action')

    // Rawiri asks for a release: which item, for whom, why.
    const opener = page.getByRole('button', { name: 'Releases' })
    await opener.click()
    const dialog = releases(page)
    await dialog.getByRole('heading', { name: 'Ask for approval' }).waitFor()
    await dialog.getByRole('checkbox', { name: new RegExp(WITHHELD) }).check()
    await dialog.getByLabel('For whom').fill('Bay of Plenty district tasking and coordination')
    await dialog.getByLabel('Why').fill('The quarterly report on community plans')
    await dialog.getByRole('button', { name: 'Ask for approval' }).click()
    await dialog.getByText('Your request was sent').waitFor()
    await dialog.getByRole('heading', { name: 'Release for Bay of Plenty district tasking and coordination' }).waitFor()
    await dialog.getByText(`${WITHHELD}: waiting for Ngāti Awa`).waitFor()
    expect(await dialog.getByRole('button', { name: /^Approve/ }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'releases-desktop')
    await page.keyboard.press('Escape')
    await waitFor(() => opener.evaluate((button) => document.activeElement === button), { message: 'focus back on Releases' })

    // Tama approves for Ngāti Awa, with the keyboard.
    await tamaPage.getByRole('button', { name: 'Releases' }).click()
    const tamaDialog = releases(tamaPage)
    const approve = tamaDialog.getByRole('button', { name: 'Approve for Ngāti Awa' })
    await approve.focus()
    await tamaPage.keyboard.press('Enter')
    await tamaDialog.getByText('Recorded: approved for Ngāti Awa').waitFor()
    await tamaDialog.getByText(`${WITHHELD}: approved by Ngāti Awa`).waitFor()
    expect(await seriousViolations(tamaPage)).toEqual([])
    await screenshot(tamaPage, 'releases-approved-desktop')
    await tamaPage.keyboard.press('Escape')

    // Rawiri's export menu now offers the release; that file includes the action, the plain one still does not.
    await page.getByRole('button', { name: 'Export' }).click()
    await page.getByRole('link', { name: 'Actions (CSV), with release' }).waitFor()
    await page.keyboard.press('Escape')
    const after = await exportFile(page, 'Actions (CSV), with release')
    expect(after).toContain(WITHHELD)
    expect(after).not.toContain('Withheld by')
    expect(await exportFile(page, 'Actions (CSV)')).not.toContain(WITHHELD)

    // The access log has the request, the decision, and both of Rawiri's downloads.
    const log = await mere.api.request<AccessLogPage>('GET', `/api/plans/${planId}/access-log?limit=200`)
    const entries = log.body.entries
    const releaseId = entries.find((e) => e.kind === 'release.requested')?.details.releaseId
    expect(releaseId).toEqual(expect.any(String))
    expect(entries.find((e) => e.kind === 'release.requested')?.person?.id).toBe(rawiri.api.user!.id)
    expect(entries.find((e) => e.kind === 'release.decided')).toMatchObject({
      person: { id: tama.api.user!.id },
      details: { releaseId, decision: 'approved' },
    })
    const downloads = entries.filter((e) => e.kind === 'export.csv' && e.person?.id === rawiri.api.user!.id)
    expect(downloads.some((e) => e.details.releaseId === releaseId && e.details.withheld === undefined)).toBe(true)
    expect(downloads.some((e) => e.details.releaseId === undefined && e.details.withheld === 1)).toBe(true)

    // And the access log in the workspace names them.
    await page.getByRole('button', { name: 'Access log' }).click()
    const accessLog = page.getByRole('dialog', { name: 'Who has accessed this plan' })
    await accessLog.getByText('asked for withheld items to be released').first().waitFor()
    await accessLog.getByText('decided on a request to release withheld items').first().waitFor()
    await page.keyboard.press('Escape')
    expect(uncaughtErrors(page)).toEqual([])
    expect(uncaughtErrors(tamaPage)).toEqual([])
  })

  it('the releases panel works at phone width, from the "More" menu', async () => {
    const page = tama.page
    await page.setViewportSize({ width: 390, height: 844 })
    await new WorkspacePage(page, app.url).open(planId, 'actions')
    await page.getByRole('button', { name: 'More' }).click()
    await page.getByRole('button', { name: 'Releases' }).click()
    const dialog = releases(page)
    await dialog.getByRole('heading', { name: 'Ask for approval' }).waitFor()
    await dialog.getByText(`${WITHHELD}: approved by Ngāti Awa`).waitFor()
    const overflow = await dialog.evaluate((element) => ({
      dialog: element.scrollWidth - element.clientWidth,
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }))
    expect(overflow).toEqual({ dialog: 0, page: 0 })
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'releases-phone')
    expect(uncaughtErrors(page)).toEqual([])
  })
})
