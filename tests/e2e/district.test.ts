import { spawnSync } from 'node:child_process'
import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addFocusArea, addMeasure, addPriorityAction, type AccessLogPage, type DistrictRollup } from '@hononga/shared'
import { screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { REPO_ROOT } from '../integration/support/server'
import { waitFor } from '../integration/support/wait'
import { connectPlan } from '../integration/support/yclient'

let app: E2EApp
let admin: Person
let viewer: Person
let police: Person
let iwi: Person
let planId: string
let groupId: string

const GROUP = 'Bay of Plenty district'
const PLAN = 'Whakatāne community plan'
const ACTION = 'Rangatahi pathways'
const FOCUS_AREA = 'Rangatahi wellbeing'
const MEASURE = 'Rangatahi in a pathway'
const ASKED = 'Can the district fund a second mentor?'
const ANSWER = 'Yes: a second mentor from March.'
const PHONE = { width: 390, height: 844 }

/** Grants instance administration as the operator does: `pnpm admin grant EMAIL` against the server's data folder. */
function grantAdmin(email: string): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/admin-main.ts', 'grant', email], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: app.server.dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (result.status !== 0) throw new Error(`pnpm admin grant failed (${result.status}): ${result.stderr}`)
  expect(result.stdout).toContain('Granted')
}

beforeAll(async () => {
  app = await startApp()
  admin = await signedInPerson(app, 'Aroha Admin')
  viewer = await signedInPerson(app, 'Rāwiri District')
  police = await signedInPerson(app, 'Mere Facilitator')
  iwi = await signedInPerson(app, 'Tama Ngāti Awa')
  grantAdmin(admin.api.user!.email)
  const created = await police.api.request<{ id: string }>('POST', '/api/plans', {
    title: PLAN,
    community: 'Whakatāne',
    district: 'Bay of Plenty',
    affiliation: 'police',
    organisation: 'New Zealand Police',
  })
  planId = created.body.id
  await police.api.invite(planId, iwi.api, 'editor', 'iwi', 'Ngāti Awa')
  // The plan's content, written by the facilitator's device: a focus area, an overdue action, a measure with values.
  const client = await connectPlan(police.api, app.server.wsUrl, planId)
  try {
    await client.synced()
    const focusArea = addFocusArea(client.doc, { title: FOCUS_AREA })
    const action = addPriorityAction(client.doc, {
      title: ACTION,
      lead: 'Mere Facilitator',
      dueDate: '2026-01-15',
      focusAreaIds: [focusArea],
    })
    const measure = addMeasure(client.doc, action, { name: MEASURE, baseline: 0, target: 30, unit: 'rangatahi' })
    await waitFor(
      async () => {
        const doc = await police.api.request<{ actions: { measures: unknown[] }[] }>('GET', `/api/plans/${planId}/document`)
        return doc.status === 200 && doc.body.actions[0]?.measures.length === 1
      },
      { message: 'the plan’s content is stored' },
    )
    // Progress is reported through the server (a command), as the progress form does.
    for (const [date, value] of [
      ['2026-02-01', 4],
      ['2026-03-01', 9],
    ] as const) {
      const reported = await police.api.request('POST', `/api/plans/${planId}/actions/${action}/progress`, {
        date,
        values: { [measure]: value },
        status: 'in progress',
      })
      expect(reported.status).toBe(201)
    }
  } finally {
    client.destroy()
  }
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

/** Nothing wider than the screen: no sideways scrolling of the page (or of `element`). */
async function sidewaysOverflow(page: Page, selector?: string): Promise<number[]> {
  return page.evaluate((selector) => {
    const page = document.documentElement.scrollWidth - document.documentElement.clientWidth
    const element = selector ? document.querySelector(selector) : null
    return element ? [page, element.scrollWidth - element.clientWidth] : [page]
  }, selector)
}

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Sharing with the district' })

async function openDistrictDialog(person: Person, viaMore = false) {
  await new WorkspacePage(person.page, app.url).open(planId)
  if (viaMore) await person.page.getByRole('button', { name: 'More' }).click()
  await person.page.getByRole('button', { name: 'District', exact: true }).click()
  await dialog(person.page).getByRole('heading', { name: 'District group' }).waitFor()
  return dialog(person.page)
}

/** The roll-up as the district member's browser shows it, opened from the navigation. */
async function openRollup(page: Page) {
  await page.goto(`${app.url}/plans`)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'District' }).click()
  await page.getByRole('link', { name: GROUP }).click()
  await page.getByRole('heading', { level: 1, name: `${GROUP}: district roll-up` }).waitFor()
}

describe('district groups, consent and the roll-up', () => {
  it('an administrator makes a group and adds a person; someone in no group sees no District link', async () => {
    const page = admin.page
    await page.goto(`${app.url}/plans`)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'District' }).click()
    await page.getByRole('link', { name: 'Manage district groups' }).click()
    await page.getByRole('heading', { level: 1, name: 'District groups' }).waitFor()
    await page.getByLabel('Group name').fill(GROUP)
    await page.getByRole('button', { name: 'Create group' }).click()
    const group = page.getByRole('region', { name: GROUP })
    await group.getByText('Nobody is in this group yet.').waitFor()
    await group.getByLabel('Add a person by email').fill(viewer.api.user!.email)
    await group.getByRole('button', { name: 'Add person' }).click()
    await group.getByText('Rāwiri District').waitFor()
    await page.getByText(`Added ${viewer.api.user!.email} to ${GROUP}.`).waitFor()
    // Added by mistake, and removed again.
    await group.getByLabel('Add a person by email').fill(admin.api.user!.email)
    await group.getByRole('button', { name: 'Add person' }).click()
    await group.getByText('Aroha Admin').waitFor()
    await group.getByRole('button', { name: `Remove Aroha Admin from ${GROUP}` }).click()
    await page.getByText(`Removed Aroha Admin from ${GROUP}.`).waitFor()
    expect(await group.getByText('Aroha Admin').count()).toBe(0)
    expect(await group.getByText('Rāwiri District').count()).toBe(1)
    expect(await seriousViolations(page)).toEqual([])

    const groups = await viewer.api.request<{ groups: { id: string; name: string }[] }>('GET', '/api/districts')
    groupId = groups.body.groups.find((g) => g.name === GROUP)!.id
    expect(groupId).toBeTruthy()

    // The facilitator is in no group and no administrator: once the server has said so, no link.
    const [answer] = await Promise.all([
      police.page.waitForResponse((response) => new URL(response.url()).pathname === '/api/districts'),
      police.page.goto(`${app.url}/plans`),
    ])
    expect(await answer.json()).toEqual({ admin: false, groups: [] })
    await police.page.getByRole('heading', { level: 1, name: 'My plans' }).waitFor()
    expect(await police.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'District' }).count()).toBe(0)
    // And the administration is not theirs.
    await police.page.goto(`${app.url}/admin/districts`)
    await police.page.getByText('This page is for administrators only.').waitFor()
    expect(uncaughtErrors(page)).toEqual([])
  })

  it('the facilitator shares the plan, both partners consent, and the district member sees the roll-up, never the plan', async () => {
    const mine = await openDistrictDialog(police)
    await mine.getByText('What the district sees: titles, leads, status, dates, measures', { exact: false }).waitFor()
    await mine.getByLabel('Group to share with').selectOption({ label: GROUP })
    await mine.getByRole('button', { name: 'Ask to share' }).click()
    await mine.getByText('Waiting for Ngāti Awa, New Zealand Police', { exact: false }).waitFor()
    await mine.getByRole('button', { name: 'Consent for New Zealand Police' }).click()
    await mine.getByRole('button', { name: 'Withdraw consent for New Zealand Police' }).waitFor()
    await mine.getByText('waiting for Ngāti Awa.', { exact: false }).waitFor()

    // One partner's consent is not enough: the district sees nothing yet.
    await openRollup(viewer.page)
    await viewer.page.getByText('No plan is shared with this group yet.', { exact: false }).waitFor()

    // The iwi partner consents, and raises the action with the district.
    const theirs = await openDistrictDialog(iwi)
    await theirs.getByRole('button', { name: 'Consent for Ngāti Awa' }).click()
    await theirs.getByText(`Every partner has consented: ${GROUP} sees this plan’s summary.`).waitFor()
    await theirs.getByLabel('Item', { exact: true }).selectOption({ label: `Action: ${ACTION}` })
    await theirs.getByLabel('What is asked of the district').fill(ASKED)
    await theirs.getByRole('button', { name: 'Raise it' }).click()
    const raised = theirs.getByRole('list', { name: 'Items raised with the district' }).getByRole('listitem').first()
    await raised.getByText(ASKED).waitFor()
    await raised.getByRole('button', { name: 'Consent for Ngāti Awa' }).click()
    await raised.getByRole('button', { name: 'Withdraw consent for Ngāti Awa' }).waitFor()
    // The facilitator consents to the raised item for Police through the API (the same route).
    const district = await police.api.request<{ raised: { id: string }[] }>('GET', `/api/plans/${planId}/district`)
    const raisedId = district.body.raised[0]!.id
    expect((await police.api.request('PUT', `/api/plans/${planId}/district/raised/${raisedId}/consent`)).status).toBe(200)

    // The district member sees the plan's summary: titles, status, dates, the measure, the raised item.
    const page = viewer.page
    await openRollup(page)
    const plan = page.getByRole('article', { name: PLAN })
    await plan.getByText('Community: Whakatāne').waitFor()
    await plan.getByText(FOCUS_AREA).waitFor()
    const row = plan.getByRole('row', { name: new RegExp(ACTION) })
    expect(await row.textContent()).toContain('Overdue')
    expect(await row.textContent()).toContain('Mere Facilitator')
    await plan.getByRole('figure', { name: `${MEASURE} over time` }).waitFor()
    await plan.getByText(ASKED).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'district-rollup-desktop')

    // The district answers; the plan sees the answer.
    await plan.getByRole('textbox', { name: 'Your answer' }).fill(ANSWER)
    await plan.getByRole('button', { name: 'Send answer' }).click()
    await plan.getByText('Answer sent.').waitFor()
    await plan.getByText('Status: Answered').waitFor()

    // Filters live in the address: overdue only keeps the plan; a keyword that matches nothing leaves none.
    await page.getByLabel('Overdue actions only').check()
    await waitFor(() => new URL(page.url()).searchParams.get('overdue') === '1', { message: 'overdue in the address' })
    await plan.getByRole('row', { name: new RegExp(ACTION) }).waitFor()
    await page.getByLabel('Focus area keyword').fill('kaumātua housing')
    await page.getByRole('button', { name: 'Filter', exact: true }).click()
    await page.getByText('No shared plan matches these filters.').waitFor()
    expect(new URL(page.url()).searchParams.get('q')).toBe('kaumātua housing')
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await plan.waitFor()

    // The summary, never the plan: the plan's own routes stay 404 for the district member.
    expect((await viewer.api.request('GET', `/api/plans/${planId}`)).status).toBe(404)
    expect((await viewer.api.request('GET', `/api/plans/${planId}/document`)).status).toBe(404)
    // Each view is in the plan's access log.
    const log = await police.api.request<AccessLogPage>('GET', `/api/plans/${planId}/access-log?kind=district.viewed`)
    expect(log.body.entries.some((entry) => entry.person?.name === 'Rāwiri District')).toBe(true)

    // The plan's members see the district's answer in their dialog.
    const again = await openDistrictDialog(police)
    await again.getByText(ANSWER).waitFor()
    expect(await seriousViolations(police.page)).toEqual([])
    await screenshot(police.page, 'district-dialog-desktop')
    expect(uncaughtErrors(page)).toEqual([])
    expect(uncaughtErrors(police.page)).toEqual([])
    expect(uncaughtErrors(iwi.page)).toEqual([])
  })

  it('works at phone width: the roll-up as cards, the dialog from "More"', async () => {
    const page = viewer.page
    await page.setViewportSize(PHONE)
    await openRollup(page)
    const plan = page.getByRole('article', { name: PLAN })
    await plan.getByRole('heading', { level: 4, name: ACTION }).waitFor()
    expect(await sidewaysOverflow(page)).toEqual([0])
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'district-rollup-phone')

    await police.page.setViewportSize(PHONE)
    const mine = await openDistrictDialog(police, true)
    await mine.getByText(ANSWER).waitFor()
    expect(await sidewaysOverflow(police.page, 'dialog[open]')).toEqual([0, 0])
    expect(await seriousViolations(police.page)).toEqual([])
    await screenshot(police.page, 'district-dialog-phone')
    await police.page.setViewportSize({ width: 1280, height: 860 })
    expect(uncaughtErrors(page)).toEqual([])
  })

  it('a partner withdraws its consent, and the roll-up no longer lists the plan', async () => {
    const theirs = await openDistrictDialog(iwi)
    await theirs.getByRole('button', { name: 'Withdraw consent for Ngāti Awa' }).first().click()
    await theirs.getByText('Ngāti Awa withdrew its consent.').waitFor()
    await theirs.getByText('waiting for Ngāti Awa.', { exact: false }).waitFor()

    const page = viewer.page
    await openRollup(page)
    await page.getByText('No plan is shared with this group yet.', { exact: false }).waitFor()
    expect(await page.getByRole('article', { name: PLAN }).count()).toBe(0)
    const rollup = await viewer.api.request<DistrictRollup>('GET', `/api/districts/${groupId}/rollup`)
    expect(rollup.status).toBe(200)
    expect(rollup.body.plans).toEqual([])
    expect(uncaughtErrors(page)).toEqual([])
  })
})
