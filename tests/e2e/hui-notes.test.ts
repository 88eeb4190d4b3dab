import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { HuiEndResult, PlanJson } from '@hononga/shared'
import { screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

/**
 * In the room: notes per agenda item written by two people, karakia words shown on screen,
 * the minutes (notes, a title with the hui's date and time, badges that never overlap), a
 * parked topic made a priority action, and a restore announced with a way to compare.
 */

let app: E2EApp
let police: Person
let iwi: Person
let planId: string

/** Long enough that an unwrapped badge would run into the next column of the minutes. */
const IWI_ORGANISATION = 'Te Rūnanga o Ngāti Awa ki Whakatāne Trust Board'
const KARAKIA = 'Kia hora te marino\nKia whakapapa pounamu te moana'

beforeAll(async () => {
  app = await startApp()
  police = await signedInPerson(app, 'Mere Facilitator')
  iwi = await signedInPerson(app, 'Tama Ngāti Awa')
  const created = await police.api.request<{ id: string }>('POST', '/api/plans', {
    title: 'Whakatāne community plan',
    community: 'Whakatāne',
    district: 'Bay of Plenty',
    affiliation: 'police',
    organisation: 'New Zealand Police',
  })
  planId = created.body.id
  await police.api.invite(planId, iwi.api, 'editor', 'iwi', IWI_ORGANISATION)
})
afterAll(async () => {
  await app?.close()
})

async function serverPlan(): Promise<PlanJson> {
  const response = await police.api.request<PlanJson>('GET', `/api/plans/${planId}/document`)
  expect(response.status).toBe(200)
  return response.body
}

const notesField = (person: Person, title: string) => person.page.getByRole('textbox', { name: `Notes on “${title}”`, exact: true })

/** Types at the end of a plain text field, after whatever is there (someone else's words included). */
async function typeAtEndOf(person: Person, title: string, text: string): Promise<void> {
  const field = notesField(person, title)
  await field.click()
  await person.page.keyboard.press('ControlOrMeta+End')
  await person.page.keyboard.type(text, { delay: 10 })
}

/** Pairs of badges whose boxes overlap (each badge's box as the browser lays it out now). */
async function overlappingBadges(page: Page): Promise<string[]> {
  return page.locator('.minutes-page .badge').evaluateAll((badges) => {
    const boxes = badges.map((badge) => ({ text: badge.textContent ?? '', box: badge.getBoundingClientRect() }))
    const overlaps: string[] = []
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!.box, boxes[j]!.box]
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          overlaps.push(`${boxes[i]!.text} / ${boxes[j]!.text}`)
      }
    return overlaps
  })
}

/** Serious and critical WCAG 2.x A/AA violations (axe-core), by rule. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`)
}

describe('notes, karakia, minutes, parking-lot promote and restore announcements', () => {
  it('notes typed by two people at the hui appear in its minutes; the karakia shows on screen', async () => {
    const a = new WorkspacePage(police.page, app.url)
    const b = new WorkspacePage(iwi.page, app.url)
    await a.open(planId, 'focus-areas')
    await b.open(planId, 'focus-areas')

    // The facilitator sets the usual agenda and pastes the opening karakia's words.
    await police.page.getByRole('button', { name: 'Hui agenda' }).click()
    await police.page.getByRole('button', { name: 'Use the usual agenda' }).click()
    const words = police.page.getByRole('textbox', { name: 'Words of the karakia for “Karakia”', exact: true })
    await words.fill(KARAKIA)
    await words.press('Tab')
    await waitFor(async () => (await serverPlan()).hui.agenda[0]?.karakia === KARAKIA, { message: 'the karakia is stored' })
    await police.page.keyboard.press('Escape')
    await police.page.getByRole('button', { name: 'Start hui' }).click()
    await iwi.page.locator('.hui-bar').waitFor()

    // Both write the notes of the current item (the karakia) from the agenda.
    for (const person of [police, iwi]) await person.page.getByRole('button', { name: 'Hui agenda' }).click()
    await typeAtEndOf(police, 'Karakia', 'Matua Hēmi led the karakia.')
    await waitFor(async () => (await notesField(iwi, 'Karakia').inputValue()).includes('Matua Hēmi'), {
      message: 'the facilitator’s notes reach the iwi editor',
    })
    await typeAtEndOf(iwi, 'Karakia', ' Aroha welcomed the kura.')
    await waitFor(async () => (await notesField(police, 'Karakia').inputValue()).includes('Aroha welcomed the kura.'), {
      message: 'the editor’s notes reach the facilitator',
    })
    await b.waitForState('saved')
    await waitFor(
      async () => {
        const notes = (await serverPlan()).hui.agenda[0]?.notes ?? ''
        return notes.includes('Matua Hēmi led the karakia.') && notes.includes('Aroha welcomed the kura.')
      },
      { message: 'both people’s notes are stored' },
    )

    // "Show karakia" puts the words on screen, marked as te reo Māori.
    const show = iwi.page.getByRole('button', { name: 'Show karakia' })
    expect(await show.getAttribute('aria-expanded')).toBe('false')
    await show.click()
    const shown = iwi.page.locator('.karakia-text[lang="mi"]')
    await shown.waitFor()
    expect(await shown.locator('p').allTextContents()).toEqual(KARAKIA.split('\n'))
    expect(await iwi.page.getByRole('button', { name: 'Hide karakia' }).getAttribute('aria-expanded')).toBe('true')

    // The agenda with the notes and the karakia shown passes axe.
    expect(await seriousViolations(iwi.page)).toEqual([])

    // Ending the hui keeps its minutes, named with the date and the time it started.
    const ended = await police.api.request<HuiEndResult>('POST', `/api/plans/${planId}/hui/end`)
    expect(ended.status).toBe(200)
    expect(ended.body.snapshot.label).toMatch(/^Minutes of hui, \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2} [ap]m$/)
    await police.page.goto(`${app.url}/plans/${planId}/minutes/${ended.body.snapshot.id}`)
    const heading = police.page.getByRole('heading', { level: 1 })
    await waitFor(async () => /^Minutes of hui, /.test((await heading.textContent()) ?? ''), { message: 'the minutes are titled' })
    const notes = police.page.getByRole('region', { name: 'Notes' })
    await waitFor(async () => ((await notes.textContent()) ?? '').includes('Aroha welcomed the kura.'), { message: 'notes in minutes' })
    expect(await notes.textContent()).toContain('Matua Hēmi led the karakia.')
    await police.page.getByRole('region', { name: 'Concerns and objections' }).waitFor()

    // The attendance badges never overlap: at desktop width, on a phone, and printed.
    expect(await police.page.locator('.minutes-partners .badge').count()).toBe(2)
    expect(await overlappingBadges(police.page)).toEqual([])
    await police.page.emulateMedia({ media: 'print' })
    expect(await overlappingBadges(police.page)).toEqual([])
    await police.page.emulateMedia({ media: 'screen' })
    await police.page.setViewportSize({ width: 390, height: 844 })
    expect(await overlappingBadges(police.page)).toEqual([])
    await screenshot(police.page, 'minutes-phone')
    await police.page.setViewportSize({ width: 1280, height: 860 })
    expect(await seriousViolations(police.page)).toEqual([])
    expect(uncaughtErrors(police.page)).toEqual([])
    expect(uncaughtErrors(iwi.page)).toEqual([])
  })

  it('a parked topic is given an owner and made a priority action in one click, and links to it', async () => {
    const a = new WorkspacePage(police.page, app.url)
    const b = new WorkspacePage(iwi.page, app.url)
    await a.open(planId, 'focus-areas')
    await b.open(planId, 'focus-areas')
    const topicText = 'Kai for the next wānanga'

    await iwi.page.getByRole('button', { name: /^Parking lot/ }).click()
    await iwi.page.getByRole('textbox', { name: 'Topic' }).fill(topicText)
    await iwi.page.getByRole('button', { name: 'Park a topic' }).click()
    await waitFor(async () => (await serverPlan()).hui.parkingLot.some((topic) => topic.text === topicText), { message: 'parked' })

    await police.page.getByRole('button', { name: /^Parking lot/ }).click()
    const owner = police.page.getByRole('combobox', { name: 'Looked after by' })
    await waitFor(async () => (await owner.locator('option', { hasText: iwi.name }).count()) === 1, { message: 'members listed' })
    await owner.selectOption({ label: iwi.name })
    await iwi.page.getByText(`Looked after by ${iwi.name}`).waitFor()

    await police.page.getByRole('button', { name: 'Make it a priority action' }).click()
    const link = police.page.getByRole('link', { name: topicText })
    await link.waitFor()
    const plan = await serverPlan()
    expect(plan.actions.map((action) => [action.title, action.lead, action.status])).toEqual([[topicText, iwi.name, 'proposed']])
    expect(plan.hui.parkingLot.find((topic) => topic.text === topicText)?.actionId).toBe(plan.actions[0]!.id)
    expect(await police.page.getByRole('button', { name: 'Make it a priority action' }).count()).toBe(0)
    // Everyone sees the link, and it leads to the action.
    await iwi.page.getByRole('link', { name: topicText }).waitFor()
    await iwi.page.getByRole('link', { name: topicText }).click()
    await waitFor(() => new URL(iwi.page.url()).pathname === `/plans/${planId}/actions`, { message: 'the link opens the actions' })
    await waitFor(async () => (await iwi.page.getByRole('textbox', { name: 'Action title' }).first().inputValue()) === topicText, {
      message: 'the action shows',
    })
  })

  it('a restore is announced to everyone connected: who restored which snapshot, when, with a comparison', async () => {
    const a = new WorkspacePage(police.page, app.url)
    const b = new WorkspacePage(iwi.page, app.url)
    await a.open(planId, 'focus-areas')
    await b.open(planId, 'focus-areas')
    const snapshot = await police.api.request<{ id: string }>('POST', `/api/plans/${planId}/snapshots`, { label: 'Before the kura' })
    expect(snapshot.status).toBe(201)
    await iwi.page.getByRole('button', { name: 'Add focus area' }).click()
    await iwi.page.getByRole('textbox', { name: 'Focus area title' }).first().fill('Kura mentoring')
    await b.waitForState('saved')
    await waitFor(async () => (await serverPlan()).focusAreas.some((area) => area.title === 'Kura mentoring'), { message: 'stored' })

    expect((await police.api.request('POST', `/api/plans/${planId}/snapshots/${snapshot.body.id}/restore`)).status).toBe(200)
    for (const person of [police, iwi]) {
      const notice = person.page.locator('.restore-notice')
      await notice.getByText('Mere Facilitator restored “Before the kura”').waitFor()
      expect(await notice.locator('time').count()).toBe(1)
    }
    await iwi.page.getByRole('button', { name: 'Compare with before the restore' }).click()
    const dialog = iwi.page.getByRole('dialog', { name: 'What the restore changed' })
    await waitFor(async () => ((await dialog.textContent()) ?? '').includes('Kura mentoring'), {
      message: 'the comparison names the change',
    })
    await screenshot(iwi.page, 'restore-compare')
    expect(uncaughtErrors(police.page)).toEqual([])
    expect(uncaughtErrors(iwi.page)).toEqual([])
  })
})
