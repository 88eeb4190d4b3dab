import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, signedInPerson, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { typeAtEnd, typeAtStart, WorkspacePage } from './fixtures/pages'
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

describe('two people editing the same plan at once', () => {
  it('see each other’s text, carets and presence in a focus area and in an action’s Outcome', async () => {
    const a = new WorkspacePage(aroha.page, app.url)
    const b = new WorkspacePage(hemi.page, app.url)
    await a.open(planId, 'focus-areas')
    await b.open(planId, 'focus-areas')

    // Presence shows both, with Hemi's partner affiliation.
    await waitFor(async () => (await a.presentNames()).some((n) => n.startsWith('Hemi Partner')), { message: 'Hemi present for Aroha' })
    await waitFor(async () => (await b.presentNames()).some((n) => n.startsWith('Aroha Facilitator')), {
      message: 'Aroha present for Hemi',
    })
    await waitFor(
      async () =>
        (await aroha.page.locator('.presence-person', { hasText: 'Hemi Partner' }).textContent())?.includes('Ngāti Tūwharetoa ki Kawerau'),
      {
        message: 'Hemi’s partner shown',
      },
    )

    // Aroha adds a focus area; Hemi sees it arrive.
    await aroha.page.getByRole('button', { name: 'Add focus area' }).click()
    const titleA = aroha.page.getByRole('textbox', { name: 'Focus area title' }).first()
    await titleA.fill('Kāinga haumaru')
    await waitFor(
      async () => (await hemi.page.getByRole('textbox', { name: 'Focus area title' }).first().inputValue()) === 'Kāinga haumaru',
      {
        message: 'title reaches Hemi',
      },
    )

    // Both type into the same description at the same time.
    const descA = a.richText('Description of Kāinga haumaru')
    const descB = b.richText('Description of Kāinga haumaru')
    await typeAtEnd(aroha.page, descA, 'Kia ora. ')
    await waitFor(async () => (await b.textOf(descB)).includes('Kia ora.'), { message: 'first words shared' })
    await Promise.all([
      typeAtEnd(aroha.page, descA, 'Whānau feel safe at home. '),
      typeAtStart(hemi.page, descB, 'Rangatahi have somewhere to go. '),
    ])
    for (const field of [descA, descB]) {
      await waitFor(
        async () => {
          const text = await a.textOf(field)
          return text.includes('Whānau feel safe at home.') && text.includes('Rangatahi have somewhere to go.')
        },
        { message: 'both sentences in both descriptions' },
      )
    }
    expect(await a.textOf(descA)).toBe(await b.textOf(descB))
    // Each sees the other's caret, labelled by name.
    await waitFor(async () => (await a.caretLabels(descA).allTextContents()).includes('Hemi Partner'), { message: 'Hemi’s caret at Aroha' })
    await descA.click()
    await waitFor(async () => (await b.caretLabels(descB).allTextContents()).includes('Aroha Facilitator'), {
      message: 'Aroha’s caret at Hemi',
    })

    // The same in a priority action's Outcome.
    await a.goToStep(/Priority actions/)
    await b.goToStep(/Priority actions/)
    await aroha.page.getByRole('button', { name: 'Add priority action' }).click()
    await aroha.page.getByRole('textbox', { name: 'Action title' }).first().fill('Rangatahi pathways')
    const outcomeA = a.richText('Outcome for Rangatahi pathways')
    const outcomeB = b.richText('Outcome for Rangatahi pathways')
    await outcomeB.waitFor()
    await typeAtEnd(aroha.page, outcomeA, 'Outcome: ')
    await waitFor(async () => (await b.textOf(outcomeB)).includes('Outcome:'), { message: 'first words shared' })
    await Promise.all([
      typeAtEnd(aroha.page, outcomeA, 'Fewer young people recruited. '),
      typeAtStart(hemi.page, outcomeB, 'More in training. '),
    ])
    for (const field of [outcomeA, outcomeB]) {
      await waitFor(
        async () => {
          const text = await a.textOf(field)
          return text.includes('Fewer young people recruited.') && text.includes('More in training.')
        },
        { message: 'both sentences in both outcomes' },
      )
    }
    expect(await a.textOf(outcomeA)).toBe(await b.textOf(outcomeB))
    await waitFor(async () => (await a.caretLabels(outcomeA).allTextContents()).includes('Hemi Partner'), {
      message: 'Hemi’s caret in Outcome',
    })
    await waitFor(async () => (await b.stepLink(/Priority actions/).getAttribute('aria-current')) === 'page')

    // Presence says which step each person is on (it reaches Aroha after Hemi's own screen moved).
    await waitFor(
      async () => (await aroha.page.locator('.presence-person', { hasText: 'Hemi Partner' }).textContent())?.includes('Priority actions'),
      {
        message: 'Hemi shown on Priority actions',
      },
    )

    // What both see is what the server stored.
    await a.waitForState('saved')
    await b.waitForState('saved')
    const stored = await aroha.api.request<{ actions: { title: string }[]; focusAreas: { title: string }[] }>(
      'GET',
      `/api/plans/${planId}/document`,
    )
    expect(stored.body.focusAreas.map((f) => f.title)).toEqual(['Kāinga haumaru'])
    expect(stored.body.actions.map((x) => x.title)).toEqual(['Rangatahi pathways'])
    expect(uncaughtErrors(aroha.page)).toEqual([])
    expect(uncaughtErrors(hemi.page)).toEqual([])
  })
})
