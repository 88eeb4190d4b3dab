import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanJson } from '@hononga/shared'
import { signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { typeAtEnd, WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let facilitator: Person
let editor: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  facilitator = await signedInPerson(app, 'Mere Facilitator')
  editor = await signedInPerson(app, 'Hone Partner')
  planId = await facilitator.api.createPlan('Kaingaroa community plan', 'Kaingaroa')
  await facilitator.api.invite(planId, editor.api, 'editor', 'community', 'Kaingaroa Village Trust')
})
afterAll(async () => {
  await app?.close()
})

const RESTORED_TITLE = 'Rangatahi mentoring'
const RESTORED_TEXT = 'Marae-based mentoring for rangatahi'

const titleField = (person: Person) => person.page.getByRole('textbox', { name: 'Focus area title' }).first()
const description = (person: Person) => person.page.getByRole('textbox', { name: `Description of ${RESTORED_TITLE}`, exact: true })

async function serverPlan(): Promise<PlanJson> {
  const response = await facilitator.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)
  expect(response.status).toBe(200)
  return response.body
}

const plainText = (node: unknown): string => {
  if (typeof node !== 'object' || node === null) return ''
  const { text, content } = node as { text?: string; content?: unknown[] }
  return (text ?? '') + (content ?? []).map(plainText).join('')
}

describe('undo after a restore', () => {
  it('never brings back restored-over text: both people and the server keep the restored words', async () => {
    const a = new WorkspacePage(facilitator.page, app.url)
    const b = new WorkspacePage(editor.page, app.url)
    await a.open(planId)
    await b.open(planId)

    // The wording everyone agreed, kept as a snapshot.
    await facilitator.page.getByRole('button', { name: 'Add focus area' }).click()
    await titleField(facilitator).fill(RESTORED_TITLE)
    await waitFor(async () => (await description(editor).count()) === 1, { message: 'the editor sees the focus area' })
    await typeAtEnd(editor.page, description(editor), RESTORED_TEXT)
    await b.waitForState('saved')
    await waitFor(async () => (await a.textOf(description(facilitator))) === RESTORED_TEXT, { message: 'description shared' })
    const snapshot = await facilitator.api.request<{ id: string }>('POST', `/api/plans/${planId}/snapshots`, { label: 'Agreed at hui' })
    expect(snapshot.status).toBe(201)

    // The editor rewrites the description and the title after the snapshot (replacing, so
    // an undo would re-insert the words the rewrite deleted).
    await description(editor).click()
    await editor.page.keyboard.press('ControlOrMeta+A')
    await editor.page.keyboard.type('Youth mentoring at the kura', { delay: 10 })
    await titleField(editor).fill('Kura mentoring')
    await b.waitForState('saved')
    const undoButton = editor.page.getByRole('button', { name: 'Undo my last change' })
    expect(await undoButton.isEnabled()).toBe(true)

    // The facilitator restores the snapshot.
    const restored = await facilitator.api.request('POST', `/api/plans/${planId}/snapshots/${snapshot.body.id}/restore`)
    expect(restored.status).toBe(200)
    await waitFor(async () => (await titleField(editor).inputValue()) === RESTORED_TITLE, { message: 'the editor sees the restored title' })
    await editor.page.getByText('Mere Facilitator restored “Agreed at hui”').waitFor()

    // The editor tries every undo there is: the control, and Ctrl+Z in both fields.
    await waitFor(async () => !(await undoButton.isEnabled()), { message: 'the undo control has nothing left to undo' })
    await description(editor).click()
    for (let i = 0; i < 3; i++) await editor.page.keyboard.press('ControlOrMeta+Z')
    await titleField(editor).click()
    for (let i = 0; i < 3; i++) await editor.page.keyboard.press('ControlOrMeta+Z')
    await editor.page.locator('body').click({ position: { x: 5, y: 5 } })
    for (let i = 0; i < 3; i++) await editor.page.keyboard.press('ControlOrMeta+Z')
    await b.waitForState('saved')
    await a.waitForState('saved')

    const plan = await serverPlan()
    expect(plan.focusAreas.map((area) => area.title)).toEqual([RESTORED_TITLE])
    expect(plainText(plan.focusAreas[0]!.description)).toBe(RESTORED_TEXT)
    for (const [person, page] of [
      [facilitator, a],
      [editor, b],
    ] as const) {
      expect(await titleField(person).inputValue()).toBe(RESTORED_TITLE)
      expect(await page.textOf(description(person))).toBe(RESTORED_TEXT)
    }
    expect(uncaughtErrors(facilitator.page)).toEqual([])
    expect(uncaughtErrors(editor.page)).toEqual([])
  })
})
