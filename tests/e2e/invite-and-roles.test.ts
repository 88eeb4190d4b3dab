import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymousVisitor, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let facilitator: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  facilitator = await signedInPerson(app, 'Mere Facilitator')
  planId = await facilitator.api.createPlan('Ōpōtiki community plan', 'Ōpōtiki')
})
afterAll(async () => {
  await app?.close()
})

describe('invites and roles', () => {
  it('an invite link taken by a new person lands them in the plan with the invited role', async () => {
    const workspace = new WorkspacePage(facilitator.page, app.url)
    await workspace.open(planId)
    const page = facilitator.page
    await page.getByRole('button', { name: 'People', exact: true }).click()
    const form = page.getByRole('form', { name: 'Invite people' })
    await form.getByLabel('Role').selectOption('viewer')
    // The plan's partners come first (here only the facilitator's, Police); a new one is "Another partner…".
    await form.getByLabel('Partner', { exact: true }).selectOption({ label: 'Another partner…' })
    await form.getByLabel('Speaks for', { exact: true }).selectOption('iwi')
    await form.getByLabel('Organisation').fill('Te Whakatōhea')
    await form.getByRole('button', { name: 'Create invite link' }).click()
    const link = await waitFor(async () => page.getByLabel('Invite link', { exact: true }).first().inputValue(), { message: 'invite link' })
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/)

    // Someone without an account opens the link, creates one on the way, and joins.
    const visitor = await anonymousVisitor(app)
    await visitor.page.goto(link)
    await visitor.page.getByRole('heading', { name: 'Join a plan' }).waitFor()
    // The heading shows at once; what the invite is for arrives with the API's answer.
    await waitFor(async () => (await visitor.page.getByRole('main').textContent())?.includes('Ōpōtiki community plan'), {
      message: 'the invite names its plan',
    })
    await visitor.page.getByRole('main').getByRole('link', { name: 'Create account' }).click()
    await visitor.page.getByLabel('Name').fill('Tāne Viewer')
    await visitor.page.getByLabel('Email').fill(`tane.${Date.now()}@example.nz`)
    await visitor.page.getByLabel('Password').fill('a long enough password')
    await visitor.page.getByRole('button', { name: 'Create account' }).click()
    await visitor.page.getByRole('button', { name: 'Join this plan' }).click()
    await waitFor(() => new URL(visitor.page.url()).pathname.startsWith(`/plans/${planId}`), { message: 'lands in the plan' })
    const joined = new WorkspacePage(visitor.page, app.url)
    await joined.waitForState('saved')
    await visitor.page.getByText('You can read this plan but not change it.').waitFor()

    // The facilitator sees the new member with the invited role and affiliation.
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'People', exact: true }).click()
    await waitFor(async () => (await page.getByRole('dialog').textContent())?.includes('Tāne Viewer'), { message: 'member listed' })
    const member = page.getByRole('dialog').getByRole('listitem').filter({ hasText: 'Tāne Viewer' })
    expect(await member.textContent()).toMatch(/Viewer/)
    expect(await member.textContent()).toContain('Te Whakatōhea')

    // The next invite offers that partner first; spelt without its macron it is refused until confirmed new.
    const again = page.getByRole('form', { name: 'Invite people' })
    const partner = again.getByLabel('Partner', { exact: true })
    await waitFor(async () => (await partner.locator('option:checked').textContent()) === 'Te Whakatōhea (Iwi / hapū)', {
      message: 'the partner offered first',
    })
    await partner.selectOption({ label: 'Another partner…' })
    await again.getByLabel('Organisation').fill('Te Whakatohea')
    await again.getByRole('button', { name: 'Create invite link' }).click()
    const refusal = again.getByRole('alert')
    await waitFor(async () => (await refusal.textContent())?.includes('This plan already has the partner Te Whakatōhea (iwi)'), {
      message: 'lookalike refused',
    })
    const invites = async () =>
      (await facilitator.api.request<{ organisation: string | null }[]>('GET', `/api/plans/${planId}/invites`)).body
    expect((await invites()).map((invite) => invite.organisation)).toEqual(['Te Whakatōhea'])
    await refusal.getByRole('button', { name: 'Yes, it is a new partner' }).click()
    await waitFor(async () => (await invites()).some((invite) => invite.organisation === 'Te Whakatohea'), {
      message: 'confirmed as a new partner',
    })
    await waitFor(async () => (await refusal.count()) === 0, { message: 'the refusal goes once confirmed' })
    expect(uncaughtErrors(visitor.page)).toEqual([])
    await visitor.context.close()
  })

  it('a viewer sees everything read-only, with no edit controls at all', async () => {
    const viewer = await signedInPerson(app, 'Wiremu Viewer')
    await facilitator.api.invite(planId, viewer.api, 'viewer', 'agency', 'Ministry of Social Development')
    // Content to look at, added through the stock client as the facilitator.
    const workspace = new WorkspacePage(facilitator.page, app.url)
    await workspace.open(planId)
    await facilitator.page.getByRole('button', { name: 'Add focus area' }).click()
    await facilitator.page.getByRole('textbox', { name: 'Focus area title' }).first().fill('Whānau wellbeing')
    await workspace.waitForState('saved')

    const view = new WorkspacePage(viewer.page, app.url)
    for (const step of ['focus-areas', 'environment', 'actions', 'monitoring']) {
      await view.open(planId, step)
      const main = viewer.page.getByRole('main')
      await viewer.page.getByText('You can read this plan but not change it.').waitFor()
      // No editable field anywhere: no inputs, no contenteditable, no add/remove/move buttons.
      expect(await main.locator('input:not([type=hidden]), textarea, select').count(), step).toBe(0)
      expect(await main.locator('[contenteditable="true"]').count(), step).toBe(0)
      expect(await main.getByRole('button', { name: /^(Add|Remove|Move)/ }).count(), step).toBe(0)
    }
    await view.open(planId, 'focus-areas')
    await viewer.page.getByText('Whānau wellbeing').first().waitFor()
    // Typing into the page changes nothing on the server.
    await viewer.page.keyboard.type('should not appear')
    const stored = await facilitator.api.request<{ focusAreas: { title: string }[] }>('GET', `/api/plans/${planId}/document`)
    expect(JSON.stringify(stored.body)).not.toContain('should not appear')
    await viewer.context.close()
  })
})
