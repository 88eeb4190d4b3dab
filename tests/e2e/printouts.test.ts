import fs from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addPriorityAction, type AccessLogPage, type HuiEndResult, type PlanJson } from '@hononga/shared'
import { screenshot, signedInPerson, startApp, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'
import { ClientPool } from '../integration/support/yclient'

/**
 * Printouts and files through the server in the browser (issue 13 §2, §3): the printable plan,
 * the minutes, a snapshot and the template file come from the server, say what a partner
 * withheld (never what it said), are each in the access log, and offline say that they need a
 * connection rather than failing silently.
 */

const SHARED = 'Wānanga at the marae'
const WITHHELD = 'Kaumātua knowledge of the awa'

let app: E2EApp
let mere: Person
let tama: Person
let planId: string
const pool = new ClientPool()

beforeAll(async () => {
  app = await startApp()
  mere = await signedInPerson(app, 'Mere Facilitator')
  tama = await signedInPerson(app, 'Tama Kaumātua')
  planId = await mere.api.createPlan('Whakatāne community plan', 'Whakatāne')
  await mere.api.invite(planId, tama.api, 'editor', 'iwi', 'Ngāti Awa')
  addPriorityAction((await pool.join(mere.api, app.server.wsUrl, planId)).doc, { title: SHARED })
  // Tama's own contribution, which Ngāti Awa withholds.
  const withheld = addPriorityAction((await pool.join(tama.api, app.server.wsUrl, planId)).doc, { title: WITHHELD })
  await waitFor(async () => (await mere.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.actions.length === 2, {
    message: 'both actions stored',
  })
  const marked = await tama.api.request('PUT', `/api/plans/${planId}/withheld`, { target: { kind: 'action', id: withheld } })
  expect(marked.status).toBe(200)
})
afterAll(async () => {
  pool.destroyAll()
  await app?.close()
})

/** The kinds of Mere's entries in the plan's access log, newest first. */
async function meresLog(): Promise<string[]> {
  const page = await mere.api.request<AccessLogPage>('GET', `/api/plans/${planId}/access-log?limit=200`)
  return page.body.entries.filter((entry) => entry.person?.id === mere.api.user!.id).map((entry) => entry.kind)
}

/** Serious and critical WCAG 2.x A/AA violations (axe-core), as tests/e2e/a11y-and-screens.test.ts checks screens. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
}

const readDownload = async (download: { path(): Promise<string | null> }) => fs.readFileSync((await download.path())!, 'utf8')

describe('printouts through the server', () => {
  it('the printable plan leaves out the withheld action, says who withheld it, and is in the access log', async () => {
    const page = mere.page
    await page.goto(`${app.url}/plans/${planId}/print`)
    await page.getByText(SHARED).first().waitFor()
    await page.getByText('1 action withheld by Ngāti Awa').waitFor()
    expect(await page.getByText(WITHHELD).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'print-withheld-desktop')
    await waitFor(async () => (await meresLog()).includes('plan.printed'), { message: 'the print is logged' })
  })

  it('the template file downloads from the server, and offline the menu says it needs a connection', async () => {
    const page = mere.page
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId, 'actions')
    await workspace.waitForState('saved')
    await page.getByRole('button', { name: 'Export' }).click()

    await mere.context.setOffline(true)
    await page.getByRole('button', { name: 'Template file (JSON)' }).click()
    await page.getByRole('alert').filter({ hasText: 'needs a connection' }).waitFor()
    await mere.context.setOffline(false)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Template file (JSON)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^Whakatāne community plan template\.hononga\.json$/)
    const file = JSON.parse(await readDownload(download)) as { source: unknown; withheld: unknown[]; plan: PlanJson }
    expect(file.source).toEqual({ planId })
    expect(file.withheld).toMatchObject([{ target: { kind: 'action' }, partnerLabel: 'Ngāti Awa' }])
    expect(file.plan.actions.map((action) => action.title)).toEqual([SHARED])
    expect(JSON.stringify(file)).not.toContain(WITHHELD)
    expect((await meresLog())[0]).toBe('export.template')
  })

  it('a snapshot and the minutes of a hui download from the server without the withheld action', async () => {
    expect((await mere.api.request('POST', `/api/plans/${planId}/hui/start`, {})).status).toBe(200)
    const ended = await mere.api.request<HuiEndResult>('POST', `/api/plans/${planId}/hui/end`)
    expect(ended.status).toBe(200)
    const label = ended.body.snapshot.label

    const page = mere.page
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId, 'actions')
    await page.getByRole('button', { name: 'History', exact: true }).click()
    const [snapshotDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download “${label}” (JSON)` }).click(),
    ])
    const snapshot = JSON.parse(await readDownload(snapshotDownload)) as { format: string; withheld: unknown[]; plan: PlanJson }
    expect(snapshot.format).toBe('hononga.snapshot')
    expect(snapshot.withheld).toHaveLength(1)
    expect(JSON.stringify(snapshot)).not.toContain(WITHHELD)
    await page.getByText(`Downloaded “${label}”.`, { exact: false }).waitFor()
    expect((await meresLog())[0]).toBe('export.snapshot')

    await page.goto(`${app.url}/plans/${planId}/minutes/${ended.body.snapshot.id}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    const [minutesDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download minutes (JSON)' }).click(),
    ])
    const minutes = JSON.parse(await readDownload(minutesDownload)) as { format: string; withheldSummary: string[] }
    expect(minutes.format).toBe('hononga.hui-minutes')
    expect(minutes.withheldSummary).toEqual(['Withheld by Ngāti Awa: 1 action'])
    expect(JSON.stringify(minutes)).not.toContain(WITHHELD)
    // From then on the page shows the copy that left the plan, saying what was withheld.
    await page.getByText('1 action withheld by Ngāti Awa').waitFor()
    expect(await page.getByText(WITHHELD).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'minutes-withheld-desktop')
    expect((await meresLog())[0]).toBe('export.minutes')
  })
})
