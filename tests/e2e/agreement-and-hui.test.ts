import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { typeAtEnd, WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let police: Person
let iwi: Person
let planId: string

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
  await police.api.invite(planId, iwi.api, 'editor', 'iwi', 'Ngāti Awa')
})
afterAll(async () => {
  await app?.close()
})

const summary = (person: Person) => person.page.locator('.agreement-summary').first()

async function recordPosition(person: Person, partner: string, position: 'Agree' | 'Agree with concerns' | 'Not yet' | 'Object') {
  const page = person.page
  await page
    .getByRole('button', { name: `Record ${partner}'s position` })
    .first()
    .click()
  await page.getByRole('radio', { name: position, exact: true }).first().check()
  await page.getByRole('button', { name: 'Save position' }).first().click()
}

describe('agreement by each partner, and running the hui', () => {
  it('two partners agree an action; after one edits it, it shows changed since agreed', async () => {
    const a = new WorkspacePage(police.page, app.url)
    const b = new WorkspacePage(iwi.page, app.url)
    await a.open(planId, 'actions')
    await b.open(planId, 'actions')
    await police.page.getByRole('button', { name: 'Add priority action' }).click()
    await police.page.getByRole('textbox', { name: 'Action title' }).first().fill('Rangatahi pathways')
    await typeAtEnd(police.page, a.richText('Outcome for Rangatahi pathways'), 'Fewer rangatahi recruited.')
    await a.waitForState('saved')
    await waitFor(async () => (await b.textOf(b.richText('Outcome for Rangatahi pathways'))).includes('Fewer rangatahi recruited.'), {
      message: 'outcome shared',
    })

    // Before anyone agrees, every partner's position is still needed, by name.
    await waitFor(async () => (await summary(iwi).textContent())?.includes('Still needed: Ngāti Awa, New Zealand Police'), {
      message: 'both partners named as still needed',
    })
    await recordPosition(police, 'New Zealand Police', 'Agree')
    // The partner whose position is still needed is named on the item.
    await waitFor(async () => (await summary(iwi).textContent())?.includes('Agreed by New Zealand Police · Still needed: Ngāti Awa'), {
      message: 'police position reaches iwi',
    })
    expect(await summary(iwi).getAttribute('data-state')).toBe('open')
    await recordPosition(iwi, 'Ngāti Awa', 'Agree')
    for (const person of [police, iwi]) {
      await waitFor(async () => (await summary(person).getAttribute('data-state')) === 'agreed', {
        message: `${person.name} sees it agreed`,
      })
    }

    // The facilitator marks it agreed at the hui: a named snapshot is kept.
    await police.page.getByRole('button', { name: 'Mark agreed at hui' }).first().click()
    await waitFor(async () => (await summary(iwi).textContent())?.includes('Agreed at hui'), { message: 'mark reaches iwi' })
    const snapshots = await police.api.request<{ label: string; kind: string }[]>('GET', `/api/plans/${planId}/snapshots`)
    expect(snapshots.body.some((s) => s.kind === 'named' && s.label.startsWith('Agreed at hui'))).toBe(true)

    // One partner edits the Outcome: both screens say it changed since it was agreed.
    await typeAtEnd(iwi.page, b.richText('Outcome for Rangatahi pathways'), ' And more in mahi.')
    for (const person of [police, iwi]) {
      await waitFor(async () => (await summary(person).getAttribute('data-changed')) === 'true', {
        message: `${person.name} sees changed since agreed`,
      })
    }
    // The step's hint says so too, beside what the action still lacks.
    const hint = police.page.locator('.step-nav-item.active .step-nav-agreement')
    await waitFor(async () => (await hint.textContent()) === '0 of 1 agreed · 1 changed since agreed', {
      message: 'the actions step hint counts the change',
    })
    await police.page.getByRole('button', { name: 'What changed' }).first().click()
    await waitFor(async () => (await police.page.locator('ins').allTextContents()).join(' ').includes('mahi'), {
      message: 'the added words shown',
    })

    // Ngāti Awa says "not yet" on the new words, then withdraws that from the same form.
    const positions = (person: Person) => person.page.getByRole('button', { name: /^Positions \(/ }).first()
    await recordPosition(iwi, 'Ngāti Awa', 'Not yet')
    await waitFor(async () => (await positions(police).textContent())?.endsWith('Positions (1 of 2)'), {
      message: 'the new position reaches police',
    })
    await iwi.page.getByRole('button', { name: "Record Ngāti Awa's position" }).first().click()
    await iwi.page.getByRole('button', { name: "Withdraw Ngāti Awa's position" }).first().click()
    await waitFor(async () => (await positions(police).textContent())?.endsWith('Positions (0 of 2)'), {
      message: 'the withdrawal reaches police',
    })
    await waitFor(async () => (await iwi.page.locator('[data-pending-position]').count()) === 0, {
      message: 'the withdrawal leaves the outbox',
    })
    expect(uncaughtErrors(police.page)).toEqual([])
    expect(uncaughtErrors(iwi.page)).toEqual([])
  })

  it('following the facilitator moves the other screen', async () => {
    const a = new WorkspacePage(police.page, app.url)
    const b = new WorkspacePage(iwi.page, app.url)
    await a.open(planId, 'focus-areas')
    await b.open(planId, 'focus-areas')
    await police.page.getByRole('button', { name: 'Hui agenda' }).click()
    await police.page.getByRole('button', { name: 'Use the usual agenda' }).click()
    await police.page.keyboard.press('Escape')
    await police.page.getByRole('button', { name: 'Start hui' }).click()
    await iwi.page.locator('.hui-bar').waitFor()
    const follow = iwi.page.getByRole('checkbox', { name: 'Follow the facilitator' })
    await waitFor(() => follow.isChecked(), { message: 'following by default during a hui' })

    await a.goToStep(/Monitoring/)
    await waitFor(() => new URL(iwi.page.url()).pathname === `/plans/${planId}/monitoring`, { message: 'the other screen follows' })
    await a.goToStep(/Environment/)
    await waitFor(() => new URL(iwi.page.url()).pathname === `/plans/${planId}/environment`, { message: 'and follows again' })

    // The facilitator pauses the timer (a command to the server): everyone sees it paused,
    // standing still; resumed and given five more minutes, it runs again.
    const timer = (person: Person) => person.page.locator('.hui-timer').first()
    await police.page.getByRole('button', { name: 'Pause timer' }).click()
    await waitFor(
      async () => (await timer(iwi).getAttribute('data-paused')) === 'true' && ((await timer(iwi).textContent()) ?? '').includes('Paused'),
      { message: 'paused for everyone' },
    )
    const pausedAt = await timer(iwi).textContent()
    await police.page.getByRole('button', { name: 'Resume timer' }).click()
    await waitFor(async () => (await timer(iwi).getAttribute('data-paused')) === null, { message: 'running again' })
    await police.page.getByRole('button', { name: 'Add 5 minutes' }).click()
    const minutesLeft = async () => Number(/(\d+):\d\d left/.exec((await timer(iwi).textContent()) ?? '')?.[1] ?? NaN)
    await waitFor(async () => (await minutesLeft()) >= Number(/(\d+):\d\d left/.exec(pausedAt ?? '')?.[1] ?? 0) + 4, {
      message: 'five more minutes for everyone',
    })

    // Offline, the hui controls say they need a connection instead of queueing.
    await police.context.setOffline(true)
    await a.waitForState('offline')
    expect(await police.page.getByRole('button', { name: 'Next item' }).isDisabled()).toBe(true)
    await police.page.getByText('Running the hui needs a connection to the server').first().waitFor()
    await police.context.setOffline(false)
    await a.waitForState('saved', 30_000)
    expect(await police.page.getByRole('button', { name: 'Next item' }).isDisabled()).toBe(false)
  })

  it('the actions CSV downloads from the browser with macrons intact and formulas neutralised', async () => {
    const a = new WorkspacePage(police.page, app.url)
    await a.open(planId, 'actions')
    await police.page.getByRole('textbox', { name: 'Action title' }).first().fill('=HYPERLINK("http://evil") Whānau ora')
    await a.waitForState('saved')
    await police.page.getByRole('button', { name: 'Export' }).click()
    const [download] = await Promise.all([
      police.page.waitForEvent('download'),
      police.page.getByRole('link', { name: 'Actions (CSV)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/Whakatāne community plan.*\.csv$/)
    const bytes = fs.readFileSync((await download.path())!)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 BOM: spreadsheets read macrons right
    const text = bytes.toString('utf8')
    expect(text).toContain('Whakatāne community plan')
    expect(text).toContain('Whānau ora')
    expect(text).toContain(`"'=HYPERLINK(""http://evil"") Whānau ora"`)
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m)
  })
})
