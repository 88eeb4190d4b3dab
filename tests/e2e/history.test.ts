import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedInPerson, startApp, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let facilitator: Person
let partner: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  facilitator = await signedInPerson(app, 'Mere Facilitator')
  partner = await signedInPerson(app, 'Hone Partner')
  planId = await facilitator.api.createPlan('Kaingaroa community plan', 'Kaingaroa')
  await facilitator.api.invite(planId, partner.api, 'editor', 'community', 'Kaingaroa Village Trust')
})
afterAll(async () => {
  await app?.close()
})

const titleField = (person: Person) => person.page.getByRole('textbox', { name: 'Focus area title' }).first()

describe('history', () => {
  it('a snapshot is saved, the plan changes, the snapshot is restored, and both people see the restored text', async () => {
    const a = new WorkspacePage(facilitator.page, app.url)
    const b = new WorkspacePage(partner.page, app.url)
    await a.open(planId)
    await b.open(planId)
    await facilitator.page.getByRole('button', { name: 'Add focus area' }).click()
    await titleField(facilitator).fill('Agreed wording')
    await waitFor(async () => (await titleField(partner).inputValue()) === 'Agreed wording', { message: 'title shared' })
    await a.waitForState('saved')

    const page = facilitator.page
    await page.getByRole('button', { name: 'History', exact: true }).click()
    await page.getByLabel('Name of the snapshot').fill('Agreed at hui, 12 March')
    await page.getByRole('button', { name: 'Save snapshot' }).click()
    await page.getByText('Saved the snapshot “Agreed at hui, 12 March”.').waitFor()
    // Saved: the name field is empty, ready for the next snapshot's name.
    expect(await page.getByLabel('Name of the snapshot').inputValue()).toBe('')

    // A preview opens in view and takes focus; closing it hands focus back to its button.
    const previewButton = page.getByRole('button', { name: 'Preview “Agreed at hui, 12 March”' })
    await previewButton.click()
    const preview = page.getByRole('region', { name: 'Preview “Agreed at hui, 12 March”' })
    await preview.waitFor()
    await waitFor(
      () =>
        preview.evaluate((section) => {
          const box = section.getBoundingClientRect()
          const seen = document.elementFromPoint(box.left + 8, Math.max(box.top, 0) + 8)
          return document.activeElement === section && box.top >= 0 && box.top < window.innerHeight && section.contains(seen)
        }),
      { message: 'the preview is in view and has focus' },
    )
    await page.getByRole('button', { name: 'Close preview' }).click()
    await waitFor(() => previewButton.evaluate((button) => document.activeElement === button), { message: 'focus back on Preview' })
    await page.keyboard.press('Escape')

    await titleField(partner).fill('Changed after the hui')
    await waitFor(async () => (await titleField(facilitator).inputValue()) === 'Changed after the hui', { message: 'change shared' })
    await b.waitForState('saved')

    await page.getByRole('button', { name: 'History', exact: true }).click()
    await page.getByRole('button', { name: 'Restore “Agreed at hui, 12 March”' }).click()
    await page.getByRole('button', { name: 'Restore for everyone' }).click()
    await page.getByText('Restored “Agreed at hui, 12 March”.', { exact: false }).waitFor()
    await page.keyboard.press('Escape')

    for (const person of [facilitator, partner]) {
      await waitFor(async () => (await titleField(person).inputValue()) === 'Agreed wording', {
        message: `${person.name} sees the restored title`,
      })
    }
  })
})
