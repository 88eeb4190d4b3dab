import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { planDocument, recordPosition, WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

/**
 * Governance made offline waits in the outbox, shown as pending, and is recorded exactly once
 * when the device reconnects; a viewer who speaks for their partner records its position.
 */

let app: E2EApp
let facilitator: Person
let partner: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  facilitator = await signedInPerson(app, 'Mere Facilitator')
  partner = await signedInPerson(app, 'Tama Ngāti Awa')
  const created = await facilitator.api.request<{ id: string }>('POST', '/api/plans', {
    title: 'Kawerau community plan',
    community: 'Kawerau',
    affiliation: 'police',
    organisation: 'New Zealand Police',
  })
  planId = created.body.id
  await facilitator.api.invite(planId, partner.api, 'editor', 'iwi', 'Ngāti Awa')
})
afterAll(async () => {
  await app?.close()
})

describe('the outbox', () => {
  it('a position and a parked topic made offline show as pending, and are applied exactly once on reconnect', async () => {
    const a = new WorkspacePage(facilitator.page, app.url)
    const b = new WorkspacePage(partner.page, app.url)
    await a.open(planId, 'focus-areas')
    await facilitator.page.getByRole('button', { name: 'Add focus area' }).click()
    await facilitator.page.getByRole('textbox', { name: 'Focus area title' }).first().fill('Kāinga haumaru')
    await a.waitForState('saved')
    await b.open(planId, 'focus-areas')
    await waitFor(
      async () => (await partner.page.getByRole('textbox', { name: 'Focus area title' }).first().inputValue()) === 'Kāinga haumaru',
      { message: 'focus area reaches the partner' },
    )

    await partner.context.setOffline(true)
    await b.waitForState('offline')
    await recordPosition(partner, 'Ngāti Awa', 'Agree')
    const pendingPosition = partner.page.locator('[data-pending-position="agree"]').first()
    await waitFor(async () => (await pendingPosition.textContent())?.includes('pending: will be recorded when you reconnect'), {
      message: 'position shown as pending',
    })
    // Pending is never written into the plan: the glance does not count it.
    expect(await partner.page.locator('.agreement-summary').first().getAttribute('data-state')).toBe('open')

    await partner.page.getByRole('button', { name: /^Parking lot/ }).click()
    await partner.page.getByRole('textbox', { name: 'Topic' }).fill('Funding for the marae van')
    await partner.page.getByRole('button', { name: 'Park a topic' }).click()
    const pendingTopic = partner.page.locator('[data-pending-topic="pending"]').first()
    await waitFor(
      async () => {
        const text = (await pendingTopic.textContent()) ?? ''
        return text.includes('Funding for the marae van') && text.includes('pending: will be recorded when you reconnect')
      },
      { message: 'topic shown as pending' },
    )
    await partner.page.keyboard.press('Escape')
    await waitFor(async () => ((await partner.page.locator('[data-outbox-waiting]').getAttribute('data-outbox-waiting')) ?? '') === '2', {
      message: 'two changes waiting',
    })

    // Nothing has reached the server yet.
    const before = await planDocument(facilitator, planId)
    expect(before.agreements).toEqual([])
    expect(before.hui.parkingLot).toEqual([])

    await partner.context.setOffline(false)
    await b.waitForState('saved', 30_000)
    await waitFor(
      async () => {
        const plan = await planDocument(facilitator, planId)
        return plan.agreements.length === 1 && plan.hui.parkingLot.length === 1
      },
      { message: 'both recorded on the server', timeoutMs: 30_000 },
    )
    await waitFor(async () => (await partner.page.locator('[data-pending-position]').count()) === 0, { message: 'pending position gone' })
    await waitFor(async () => (await facilitator.page.locator('.agreement-summary').first().textContent())?.includes('Ngāti Awa'), {
      message: 'the facilitator sees the position',
    })

    // A reload (which reopens the outbox) sends nothing again.
    await partner.page.reload()
    await b.waitForState('saved', 30_000)
    await waitFor(async () => (await partner.page.locator('.agreement-summary').first().textContent())?.includes('Agreed by Ngāti Awa'), {
      message: 'position shown from the plan after reload',
    })
    expect(await partner.page.locator('[data-outbox-waiting], [data-outbox-refused]').count()).toBe(0)
    const after = await planDocument(facilitator, planId)
    expect(after.agreements).toHaveLength(1)
    expect(after.agreements[0]).toMatchObject({ partner: 'iwi:ngāti awa', position: 'agree', recordedByName: 'Tama Ngāti Awa' })
    expect(after.hui.parkingLot).toHaveLength(1)
    expect(after.hui.parkingLot[0]).toMatchObject({ text: 'Funding for the marae van', addedByName: 'Tama Ngāti Awa' })
    expect(uncaughtErrors(partner.page)).toEqual([])
  })

  it('a viewer who speaks for their partner records its position, and the facilitator can then mark the item agreed', async () => {
    const viewer = await signedInPerson(app, 'Hana Oranga Tamariki')
    const invite = await facilitator.api.request<{ code: string }>('POST', `/api/plans/${planId}/invites`, {
      role: 'viewer',
      affiliation: 'agency',
      organisation: 'Oranga Tamariki',
      speaksFor: true,
    })
    expect(invite.status).toBe(201)
    expect((await viewer.api.request('POST', `/api/invites/${invite.body.code}/accept`)).status).toBe(200)

    const a = new WorkspacePage(facilitator.page, app.url)
    const v = new WorkspacePage(viewer.page, app.url)
    await a.open(planId, 'focus-areas')
    await v.open(planId, 'focus-areas')
    const summaryOf = (person: Person) => person.page.locator('.agreement-summary').first()
    // Oranga Tamariki now counts: the item waits for it.
    let seen: string | null = null
    await waitFor(
      async () => (seen = await summaryOf(facilitator).textContent())?.includes('Still needed: Oranga Tamariki, New Zealand Police'),
      { message: 'the new partner counts' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the glance said: ${seen}`)
    })
    await recordPosition(facilitator, 'New Zealand Police', 'Agree')
    await recordPosition(viewer, 'Oranga Tamariki', 'Agree')
    await waitFor(async () => (await summaryOf(facilitator).getAttribute('data-state')) === 'agreed', {
      message: 'every partner agrees',
      timeoutMs: 30_000,
    })

    await facilitator.page.getByRole('button', { name: 'Mark agreed at hui' }).first().click()
    await waitFor(async () => (await summaryOf(viewer).textContent())?.includes('Agreed at hui'), {
      message: 'the mark reaches the viewer',
    })
    const plan = await planDocument(facilitator, planId)
    expect(plan.agreements.find((record) => record.partner === 'agency:oranga tamariki')).toMatchObject({
      position: 'agree',
      recordedByName: 'Hana Oranga Tamariki',
    })
    expect(plan.agreedMarks).toHaveLength(1)
    expect(uncaughtErrors(viewer.page)).toEqual([])
    await viewer.context.close()
  })
})
