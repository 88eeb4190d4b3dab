import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'
import { startSmtpServer, type SmtpServer } from '../integration/support/smtp'
import { waitFor } from '../integration/support/wait'

/** The People panel's "Send by email" field: only when the server sends mail, and the invite arrives. */

let smtp: SmtpServer
let withMail: E2EApp
let withoutMail: E2EApp

beforeAll(async () => {
  smtp = await startSmtpServer()
  withMail = await startApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Hononga <no-reply@hononga.test>' })
  withoutMail = await startApp()
})
afterAll(async () => {
  await withMail?.close()
  await withoutMail?.close()
  await smtp?.kill()
})

async function openInviteForm(app: E2EApp) {
  const facilitator = await signedInPerson(app, 'Mere Facilitator')
  const planId = await facilitator.api.createPlan('Ōpōtiki community plan', 'Ōpōtiki')
  await new WorkspacePage(facilitator.page, app.url).open(planId)
  await facilitator.page.getByRole('button', { name: 'People', exact: true }).click()
  const form = facilitator.page.getByRole('form', { name: 'Invite people' })
  await form.getByRole('button', { name: 'Create invite link' }).waitFor()
  return { facilitator, form }
}

describe('inviting by email', () => {
  it('emails the invite link to the address given in the People panel', async () => {
    const { facilitator, form } = await openInviteForm(withMail)
    const address = `tane.${Date.now()}@example.nz`
    const field = form.getByLabel('Send by email')
    await field.fill('not an address')
    await form.getByRole('button', { name: 'Create invite link' }).click()
    await form.getByText('Enter an email address, or leave it empty').waitFor()
    await field.fill(address)
    await form.getByRole('button', { name: 'Create invite link' }).click()
    const link = await waitFor(async () => facilitator.page.getByLabel('Invite link', { exact: true }).first().inputValue(), {
      message: 'invite link',
    })
    const mail = await smtp.waitForMessage((m) => JSON.stringify(m.to).includes(address))
    expect(mail.text).toContain(link)
    expect(await field.inputValue()).toBe('')
    const results = await new AxeBuilder({ page: facilitator.page as never }).withTags(['wcag2a', 'wcag2aa']).analyze()
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
    await screenshot(facilitator.page, 'invite-by-email')
    expect(uncaughtErrors(facilitator.page)).toEqual([])
  })

  it('has no email field when the server sends no mail', async () => {
    const { facilitator, form } = await openInviteForm(withoutMail)
    expect(await form.getByLabel('Send by email').count()).toBe(0)
    expect(uncaughtErrors(facilitator.page)).toEqual([])
  })
})
