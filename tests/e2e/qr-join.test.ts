import AxeBuilder from '@axe-core/playwright'
import jsQR from 'jsqr'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymousVisitor, screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { planDocument, WorkspacePage } from './fixtures/pages'
import { waitFor } from '../integration/support/wait'

let app: E2EApp
let facilitator: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  facilitator = await signedInPerson(app, 'Mere Facilitator')
  planId = await facilitator.api.createPlan('Te Teko community plan', 'Te Teko')
})
afterAll(async () => {
  await app?.close()
})

/** Serious and critical WCAG 2.x A/AA violations (axe-core), as in a11y-and-screens.test.ts. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)
}

/** Reads the QR code in a PNG screenshot, as a phone camera would. */
function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null
}

describe('join at the hui by QR code', () => {
  it('a person scans the code on screen, signs up, asks to join, is admitted as iwi editor and can edit', async () => {
    const page = facilitator.page
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId)
    // No hui yet: no join code to show.
    expect(await page.getByRole('button', { name: 'Show join code' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Start hui' }).click()
    await page.getByRole('button', { name: 'Show join code' }).click()
    const dialog = page.getByRole('dialog', { name: 'Join this hui' })
    const qr = dialog.getByRole('img', { name: /^QR code that opens / })
    await qr.waitFor()

    // The test reads the QR image itself, not the page's markup: what a phone camera would see.
    const url = decodeQr(await qr.screenshot())
    expect(url).toMatch(new RegExp(`^${app.url}/join/[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$`))
    const code = url!.slice(url!.lastIndexOf('/') + 1)
    expect((await dialog.getByTestId('join-code').textContent())?.replace('-', '')).toBe(code)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'qr-join-dialog-desktop')

    // Someone at the hui opens it on their phone, creates an account on the way, and asks to join.
    const phone = await anonymousVisitor(app, { width: 390, height: 844 })
    await phone.page.goto(url!)
    await phone.page.getByRole('heading', { name: 'Te Teko community plan' }).waitFor()
    await phone.page.getByRole('main').getByRole('link', { name: 'Create account' }).click()
    await phone.page.getByLabel('Name').fill('Tāne Iwi')
    await phone.page.getByLabel('Email').fill(`tane.${Date.now()}@example.nz`)
    await phone.page.getByLabel('Password').fill('a long enough password')
    await phone.page.getByRole('button', { name: 'Create account' }).click()
    await waitFor(() => new URL(phone.page.url()).pathname === `/join/${code}`, { message: 'back on the join page' })
    await phone.page.getByLabel('Whom you speak for').selectOption('iwi')
    await phone.page.getByLabel('Your iwi, hapū or organisation (optional)').fill('Ngāti Awa')
    expect(await seriousViolations(phone.page)).toEqual([])
    await screenshot(phone.page, 'qr-join-ask-phone')
    await phone.page.getByRole('button', { name: 'Ask to join' }).click()
    await phone.page.getByText('The facilitator will let you in.').waitFor()
    await screenshot(phone.page, 'qr-join-waiting-phone')
    // Still waiting: the plan stays closed to them.
    expect(new URL(phone.page.url()).pathname).toBe(`/join/${code}`)

    // The facilitator sees the request, with the partner they named offered, and admits them as an editor.
    const request = dialog.getByRole('listitem').filter({ hasText: 'Tāne Iwi' })
    await request.waitFor()
    expect(await request.getByLabel('Speaks for', { exact: true }).inputValue()).toBe('iwi')
    expect(await request.getByLabel('Organisation').inputValue()).toBe('Ngāti Awa')
    expect(await request.getByLabel('Role').inputValue()).toBe('editor')
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'qr-join-request-desktop')
    await request.getByRole('button', { name: 'Admit Tāne Iwi' }).click()
    await dialog.getByText('Tāne Iwi is in the plan as Editor.').waitFor()

    // The phone opens the plan by itself, and its owner can edit it.
    await waitFor(() => new URL(phone.page.url()).pathname.startsWith(`/plans/${planId}`), {
      message: 'lands in the plan',
      timeoutMs: 20_000,
    })
    const joined = new WorkspacePage(phone.page, app.url)
    await joined.waitForState('saved')
    const members = (
      await facilitator.api.request<{ members: { name: string; role: string; affiliation: string; organisation: string }[] }>(
        'GET',
        `/api/plans/${planId}`,
      )
    ).body.members
    expect(members.find((member) => member.name === 'Tāne Iwi')).toMatchObject({
      role: 'editor',
      affiliation: 'iwi',
      organisation: 'Ngāti Awa',
    })
    await joined.open(planId, 'focus-areas')
    await phone.page.getByRole('button', { name: 'Add focus area' }).click()
    await phone.page.getByRole('textbox', { name: 'Focus area title' }).first().fill('Rangatahi pathways')
    await joined.waitForState('saved')
    await waitFor(async () => JSON.stringify(await planDocument(facilitator, planId)).includes('Rangatahi pathways'), {
      message: 'the new member’s edit is stored',
    })

    // Closing the dialog stops the code: the same link no longer works.
    await page.keyboard.press('Escape')
    await waitFor(async () => (await facilitator.api.request('GET', `/api/join/${code}`)).status === 404, { message: 'the code stops' })
    expect(uncaughtErrors(page)).toEqual([])
    expect(uncaughtErrors(phone.page)).toEqual([])
    await phone.context.close()
  })
})
