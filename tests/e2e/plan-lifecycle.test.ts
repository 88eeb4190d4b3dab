import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient } from '../integration/support/api'
import { waitFor } from '../integration/support/wait'
import { screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'
import { WorkspacePage } from './fixtures/pages'

let app: E2EApp
let facilitator: Person

beforeAll(async () => {
  app = await startApp()
  facilitator = await signedInPerson(app, 'Mere Facilitator')
})
afterAll(async () => {
  await app?.close()
})

describe('plan lifecycle in the browser', () => {
  it('renames, archives, restores, deletes with the typed title, and undoes the deletion', async () => {
    const planId = await facilitator.api.createPlan('Ōpōtiki community plan', 'Ōpōtiki')
    const page = facilitator.page
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId)
    await workspace.waitForState('saved')

    // Rename and re-describe: the heading changes live, from the document.
    await page.getByRole('button', { name: 'Plan settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Plan settings' })
    await dialog.getByLabel('Plan title', { exact: true }).fill('Te Whakatōhea safety plan')
    await dialog.getByLabel('Community', { exact: true }).fill('Ōpōtiki and Tōrere')
    await dialog.getByLabel('Police district').selectOption('Eastern')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('heading', { level: 1, name: 'Te Whakatōhea safety plan' }).waitFor()
    await page.getByText('Ōpōtiki and Tōrere · Eastern').waitFor()

    // Archive: read-only with a notice, hidden from the default list, restorable.
    await dialog.getByRole('button', { name: 'Archive plan' }).click()
    await page.getByText('This plan is archived.').waitFor()
    await screenshot(page, 'plan-archived')
    await page.goto(`${app.url}/plans`)
    await page.getByRole('heading', { name: 'My plans' }).waitFor()
    await page.getByLabel('Show archived plans').waitFor()
    expect(await page.getByRole('link', { name: 'Te Whakatōhea safety plan' }).count()).toBe(0)
    await page.getByLabel('Show archived plans').check()
    await page.getByRole('link', { name: 'Te Whakatōhea safety plan' }).click()
    await page.getByRole('button', { name: 'Restore plan' }).click()
    await waitFor(async () => (await page.getByText('This plan is archived.').count()) === 0, { message: 'archive notice goes' })

    // Delete: refused until the title is typed exactly; then every member is told the date.
    await page.getByRole('button', { name: 'Plan settings' }).click()
    const confirm = dialog.getByLabel(/To delete, type the plan's title/)
    await confirm.fill('Te Whakatohea safety plan')
    await dialog.getByRole('button', { name: 'Delete plan' }).click()
    await dialog.getByText('Type the title exactly as it is shown').waitFor()
    expect(
      await facilitator.api.request('GET', `/api/plans/${planId}`).then((r) => (r.body as { deletedAt: unknown }).deletedAt),
    ).toBeNull()
    await confirm.fill('Te Whakatōhea safety plan')
    await dialog.getByRole('button', { name: 'Delete plan' }).click()
    const notice = page.getByTestId('plan-lifecycle-notice')
    await notice.getByText(/This plan is deleted\. Its content will be removed on/).waitFor()
    expect(await notice.getByRole('link', { name: "Your partner's contributions (JSON)" }).getAttribute('href')).toBe(
      `/api/plans/${planId}/contributions.json`,
    )
    await screenshot(page, 'plan-deleted')
    await page.goto(`${app.url}/plans`)
    await page.getByText(/Deleted: will be removed on/).waitFor()

    // Undo from the plan.
    await page.getByRole('link', { name: 'Te Whakatōhea safety plan' }).click()
    await page.getByRole('button', { name: 'Undo deletion' }).click()
    await waitFor(async () => (await page.getByTestId('plan-lifecycle-notice').count()) === 0, { message: 'deletion notice goes' })
    const detail = await facilitator.api.request<{ deletedAt: unknown; archivedAt: unknown }>('GET', `/api/plans/${planId}`)
    expect(detail.body).toMatchObject({ deletedAt: null, archivedAt: null })
    expect(uncaughtErrors(page)).toEqual([])
  })

  it('the People dialog shows a new member without being reopened', async () => {
    const planId = await facilitator.api.createPlan('Kawerau community plan', 'Kawerau')
    const page = facilitator.page
    const workspace = new WorkspacePage(page, app.url)
    await workspace.open(planId)
    await page.getByRole('button', { name: 'People', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Mere Facilitator').first().waitFor()
    expect(await dialog.textContent()).not.toContain('Hemi Newcomer')

    const newcomer = await new ApiClient(app.url).register('Hemi Newcomer')
    await facilitator.api.invite(planId, newcomer, 'editor', 'community', 'Kawerau Community House')
    await waitFor(async () => (await dialog.textContent())?.includes('Hemi Newcomer'), {
      message: 'the open dialog lists the new member',
      timeoutMs: 15_000,
    })
    expect(await dialog.getByRole('listitem').filter({ hasText: 'Hemi Newcomer' }).textContent()).toContain('Kawerau Community House')
  })

  it('a member with the plan open sees it archived at once and restored soon after, without a reload', async () => {
    const planId = await facilitator.api.createPlan('Ōpōtiki community plan', 'Ōpōtiki')
    const member = await signedInPerson(app, 'Hemi Partner')
    await facilitator.api.invite(planId, member.api, 'editor', 'iwi', 'Te Whakatōhea')
    const workspace = new WorkspacePage(member.page, app.url)
    await workspace.open(planId, 'focus-areas')
    await member.page.getByRole('button', { name: 'Add focus area' }).waitFor()
    const loads = { count: 0 }
    member.page.on('load', () => loads.count++)

    const archived = await facilitator.api.request('POST', `/api/plans/${planId}/archive`)
    expect(archived.status).toBe(200)
    await member.page.getByText('This plan is archived.').waitFor({ timeout: 15_000 })
    // Read-only at once: no control to add or edit, and the page was not reloaded to show it.
    await waitFor(async () => (await member.page.getByRole('button', { name: 'Add focus area' }).count()) === 0, {
      message: 'edit controls go',
    })
    // Restored by the facilitator: the member's page looks again (every 15 s while locked) and opens up.
    expect((await facilitator.api.request('DELETE', `/api/plans/${planId}/archive`)).status).toBe(200)
    await member.page.getByRole('button', { name: 'Add focus area' }).click({ timeout: 30_000 })
    await member.page.getByRole('textbox', { name: 'Focus area title' }).first().fill('Written after the restore')
    await workspace.waitForState('saved')
    const stored = await facilitator.api.request<{ focusAreas: { title: string }[] }>('GET', `/api/plans/${planId}/document`)
    expect(stored.body.focusAreas.map((f) => f.title)).toEqual(['Written after the restore'])
    expect(loads.count).toBe(0)
    expect(uncaughtErrors(member.page)).toEqual([])
  })
})
