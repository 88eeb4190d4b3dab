import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import type { PlanJson } from '@hononga/shared'
import { signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { typeAtEnd, WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let facilitator: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  facilitator = await signedInPerson(app, 'Mere Facilitator')
  planId = await facilitator.api.createPlan('Murupara community plan', 'Murupara')
})
afterAll(async () => {
  await app?.close()
})

/** Whether a rich-text field is an open editor now (rather than its text shown as it is). */
const isOpen = (field: Locator) => field.evaluate((element) => (element as HTMLElement).isContentEditable)

const plainText = (node: unknown): string => {
  if (typeof node !== 'object' || node === null) return ''
  const { text, content } = node as { text?: string; content?: unknown[] }
  return (text ?? '') + (content ?? []).map(plainText).join('')
}

async function serverDescriptions(): Promise<string[]> {
  const response = await facilitator.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)
  expect(response.status).toBe(200)
  return response.body.focusAreas.map((area) => plainText(area.description))
}

describe('one undo history for the whole plan', () => {
  it('undoes rich text typed in an editor that has since closed, from the undo button', async () => {
    const page = facilitator.page
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId)
    for (const title of ['Kāinga haumaru', 'Rangatahi']) {
      await page.getByRole('button', { name: 'Add focus area' }).click()
      await page.getByRole('textbox', { name: 'Focus area title' }).last().fill(title)
    }
    const fieldA = workspace.richText('Description of Kāinga haumaru')
    const fieldB = workspace.richText('Description of Rangatahi')
    // Unfocused rich text is the text shown as it is, a textbox that opens an editor on focus.
    expect(await isOpen(fieldA)).toBe(false)

    await typeAtEnd(page, fieldA, 'Whānau feel safe at home.')
    expect(await isOpen(fieldA)).toBe(true)
    await typeAtEnd(page, fieldB, 'Rangatahi have somewhere to go.')
    // A's editor closes a moment after the person left it; B's is still open.
    await waitFor(async () => !(await isOpen(fieldA)), { message: 'A’s editor closed' })
    expect(await workspace.textOf(fieldA)).toBe('Whānau feel safe at home.')
    await workspace.waitForState('saved')
    expect(await serverDescriptions()).toEqual(['Whānau feel safe at home.', 'Rangatahi have somewhere to go.'])

    const undo = page.getByRole('button', { name: 'Undo my last change' })
    await undo.click()
    await waitFor(async () => (await workspace.textOf(fieldB)) === '', { message: 'B’s typing undone' })
    expect(await workspace.textOf(fieldA)).toBe('Whānau feel safe at home.')
    await undo.click()
    await waitFor(async () => (await workspace.textOf(fieldA)) === '', { message: 'A’s typing undone, its editor closed' })
    await workspace.waitForState('saved')
    expect(await serverDescriptions()).toEqual(['', ''])
    // The titles typed before stay: each undo took back one field's typing, no more.
    expect(await page.getByRole('textbox', { name: 'Focus area title' }).first().inputValue()).toBe('Kāinga haumaru')

    // And redo brings A's words back.
    // The workspace's Redo (an open editor's toolbar has one too, for the same history).
    await page.getByRole('button', { name: 'Redo', exact: true }).and(page.locator(':not(.rich-text-tool)')).click()
    await waitFor(async () => (await workspace.textOf(fieldA)) === 'Whānau feel safe at home.', { message: 'A redone' })
    expect(uncaughtErrors(page)).toEqual([])
  })

  it('Tab lands in the editor with the caret at the start, and Ctrl+Z there undoes', async () => {
    const page = facilitator.page
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId)
    const fieldA = workspace.richText('Description of Kāinga haumaru')
    await page.getByRole('textbox', { name: 'Focus area title' }).first().focus()
    // The title, then the description: Tab skips nothing a keyboard user needs on the way.
    for (let i = 0; i < 5 && !(await fieldA.evaluate((element) => element === document.activeElement)); i++)
      await page.keyboard.press('Tab')
    await waitFor(async () => (await isOpen(fieldA)) && (await fieldA.evaluate((element) => element === document.activeElement)), {
      message: 'the editor has focus',
    })
    await page.keyboard.type('Kia ora. ')
    await waitFor(async () => (await workspace.textOf(fieldA)).startsWith('Kia ora. Whānau'), { message: 'typed at the start' })
    await page.keyboard.press('ControlOrMeta+Z')
    await waitFor(async () => (await workspace.textOf(fieldA)) === 'Whānau feel safe at home.', { message: 'Ctrl+Z undid it' })
    expect(uncaughtErrors(page)).toEqual([])
  })
})
