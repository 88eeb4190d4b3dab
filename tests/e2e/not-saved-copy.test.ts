import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_TITLE_CHARS, type PlanJson } from '@hononga/shared'
import { signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { typeAtEnd, WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let editor: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  const facilitator = await signedInPerson(app, 'Mere Facilitator')
  editor = await signedInPerson(app, 'Hone Partner')
  planId = await facilitator.api.createPlan('Kawerau community plan', 'Kawerau')
  await facilitator.api.invite(planId, editor.api, 'editor', 'community', 'Kawerau Trust')
})
afterAll(async () => {
  await app?.close()
})

const TITLE = 'Housing first'
const LONG_TITLE = `${TITLE} ${'whare '.repeat(80)}`.trim()

describe('a refused edit', () => {
  it('keeps what the person wrote as a "not saved" copy they can open, and rejoins the plan as the server has it', async () => {
    const page = editor.page
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId)
    await page.getByRole('button', { name: 'Add focus area' }).click()
    const title = page.getByRole('textbox', { name: 'Focus area title' }).first()
    await title.fill(TITLE)
    await typeAtEnd(page, workspace.richText(`Description of ${TITLE}`), 'Words kept safe')
    await workspace.waitForState('saved')
    // The field holds to the server's title limit as people type and paste.
    expect(await title.getAttribute('maxlength')).toBe(String(MAX_TITLE_CHARS))

    // A title past the limit (as an older client, or a script, could write): the server refuses the edit.
    expect(LONG_TITLE.length).toBeGreaterThan(MAX_TITLE_CHARS)
    await title.evaluate((field, value) => {
      ;(field as HTMLInputElement).value = value
      field.dispatchEvent(new Event('input', { bubbles: true }))
    }, LONG_TITLE)

    await page
      .getByText('Some of your changes could not be saved. Your copy is kept: open it to copy your words back.')
      .waitFor({ timeout: 20_000 })
    await workspace.waitForState('saved')
    await waitFor(async () => (await page.getByRole('textbox', { name: 'Focus area title' }).first().inputValue()) === TITLE, {
      message: 'the plan as the server has it',
    })
    const plan = (await editor.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body
    expect(plan.focusAreas.map((area) => area.title)).toEqual([TITLE])

    // The copy opens read-only, with what the person wrote.
    await page.getByRole('button', { name: 'Open my copy' }).click()
    const copy = page.getByRole('dialog').getByRole('region', { name: /^Not saved copy, kept/ })
    await copy.waitFor()
    expect(await copy.getByRole('heading', { name: LONG_TITLE }).count()).toBe(1)
    expect(await copy.getByText('Words kept safe').count()).toBe(1)
    await page.keyboard.press('Escape')

    // Kept on the device: still there after a reload, and the plan carries on.
    await page.reload()
    await workspace.waitForState('saved')
    await page.getByRole('button', { name: 'Not saved copy (1)' }).waitFor()
    await page.getByRole('textbox', { name: 'Focus area title' }).first().fill(`${TITLE} for whānau`)
    await workspace.waitForState('saved')
    await waitFor(
      async () =>
        (await editor.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)).body.focusAreas[0]?.title === `${TITLE} for whānau`,
      { message: 'edits after the rejoin are saved' },
    )
    expect(uncaughtErrors(page)).toEqual([])
  })
})
