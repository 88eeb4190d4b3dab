import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDate, NZ_TIME_ZONE } from '@hononga/shared'
import { startApp, signedInPerson, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let aroha: Person
let hemi: Person
let planId: string

beforeAll(async () => {
  app = await startApp({ LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' })
  aroha = await signedInPerson(app, 'Aroha Facilitator')
  hemi = await signedInPerson(app, 'Hemi Partner')
  planId = await aroha.api.createPlan('Kawerau community plan', 'Kawerau')
  await aroha.api.invite(planId, hemi.api, 'editor', 'iwi', 'Ngāti Tūwharetoa ki Kawerau')
})
afterAll(async () => {
  await app?.close()
})

describe('who added an item (issue 13 §1)', () => {
  it('a focus area one partner adds says so, quietly, on everyone’s screen', async () => {
    const a = new WorkspacePage(aroha.page, app.url)
    const b = new WorkspacePage(hemi.page, app.url)
    await a.open(planId, 'focus-areas')
    await b.open(planId, 'focus-areas')
    await hemi.page.getByRole('button', { name: 'Add focus area' }).click()
    await hemi.page.getByRole('textbox', { name: 'Focus area title' }).first().fill('Kāinga haumaru')

    const today = formatDate(Date.now(), { style: 'long', timeZone: NZ_TIME_ZONE })
    const line = `Added by Ngāti Tūwharetoa ki Kawerau (Hemi Partner) on ${today}`
    for (const page of [aroha.page, hemi.page]) {
      await waitFor(async () => (await page.locator('.item-origin').allTextContents()).includes(line), { message: 'the line shows' })
    }
    // The quiet line keeps the page accessible (contrast included): no serious WCAG A/AA violation.
    const scan = await new AxeBuilder({ page: aroha.page as never }).include('.item-origin').withTags(['wcag2a', 'wcag2aa']).analyze()
    expect(scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
    expect(uncaughtErrors(aroha.page)).toEqual([])
    expect(uncaughtErrors(hemi.page)).toEqual([])
  })
})
