import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { typeAtEnd, WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let writer: Person
let remover: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  remover = await signedInPerson(app, 'Hēmi Walker')
  writer = await signedInPerson(app, 'Aroha Ngata')
  planId = await remover.api.createPlan('Ōpōtiki community plan', 'Ōpōtiki')
  await remover.api.invite(planId, writer.api, 'editor', 'iwi', 'Te Whakatōhea')
})
afterAll(async () => {
  await app?.close()
})

const TITLE = 'Safe housing'
const WORDS = 'Whānau need warm, dry homes near the marae'

describe('an item removed while someone writes in it', () => {
  it('tells the writer who removed it and keeps their text, copyable', async () => {
    const w = new WorkspacePage(writer.page, app.url)
    const r = new WorkspacePage(remover.page, app.url)
    await w.open(planId)
    await r.open(planId)

    await remover.page.getByRole('button', { name: 'Add focus area' }).click()
    await remover.page.getByRole('textbox', { name: 'Focus area title' }).first().fill(TITLE)
    const description = w.richText(`Description of ${TITLE}`)
    await waitFor(async () => (await description.count()) === 1, { message: 'the writer sees the focus area' })

    // The writer is mid-sentence (the field still focused) when the other person removes it.
    await typeAtEnd(writer.page, description, WORDS)
    await w.waitForState('saved')
    await remover.page.getByRole('button', { name: 'Remove' }).first().click()
    await remover.page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()

    const notice = writer.page.locator('.removed-while-writing')
    await notice.waitFor({ timeout: 20_000 })
    expect(await notice.getByText('Hēmi Walker removed this focus area while you were writing; your text is kept below.').count()).toBe(1)
    expect(await notice.getByText(`It was called “${TITLE}”.`).count()).toBe(1)
    const kept = notice.getByRole('textbox', { name: 'Description' })
    expect(await kept.inputValue()).toBe(WORDS)
    expect(await kept.getAttribute('readonly')).not.toBeNull()
    expect(await description.count()).toBe(0)

    // The remover saw no notice of their own removal.
    expect(await remover.page.locator('.removed-while-writing').count()).toBe(0)

    await notice.getByRole('button', { name: 'Dismiss' }).click()
    await waitFor(async () => (await writer.page.locator('.removed-while-writing').count()) === 0, { message: 'notice dismissed' })
    expect(uncaughtErrors(writer.page)).toEqual([])
    expect(uncaughtErrors(remover.page)).toEqual([])
  })

  it('keeps a measure’s unsaved field when someone removes the measure, naming the measure', async () => {
    const w = new WorkspacePage(writer.page, app.url)
    const r = new WorkspacePage(remover.page, app.url)
    await r.open(planId, 'actions')
    await remover.page.getByRole('button', { name: 'Add priority action' }).click()
    await remover.page.getByRole('textbox', { name: 'Action title' }).first().fill('Warm homes')
    await r.open(planId, 'monitoring')
    await remover.page.getByRole('button', { name: 'Add measure' }).first().click()
    const name = remover.page.getByRole('textbox', { name: 'Measure name' }).first()
    await name.fill('Homes insulated')
    await name.press('Enter')
    await r.waitForState('saved')

    await w.open(planId, 'monitoring')
    const unit = writer.page.getByRole('textbox', { name: 'Unit' }).first()
    await waitFor(
      async () => (await writer.page.getByRole('textbox', { name: 'Measure name' }).first().inputValue()) === 'Homes insulated',
      { message: 'the writer sees the measure' },
    )
    // Typed, not yet saved (a measure's field is written when the person leaves it).
    await unit.click()
    await unit.pressSequentially('whare')
    await remover.page.getByRole('button', { name: 'Remove' }).first().click()
    await remover.page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()

    const notice = writer.page.locator('.removed-while-writing')
    await notice.waitFor({ timeout: 20_000 })
    expect(await notice.getByText('Hēmi Walker removed this measure while you were writing; your text is kept below.').count()).toBe(1)
    expect(await notice.getByText('It was called “Measure 1: Homes insulated”.').count()).toBe(1)
    expect(await notice.getByRole('textbox', { name: 'Unit' }).inputValue()).toBe('whare')
    expect(uncaughtErrors(writer.page)).toEqual([])
  })
})
