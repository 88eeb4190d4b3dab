import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { NotificationPrefs } from '@hononga/shared'
import { screenshot, signedInPerson, startApp, uncaughtErrors, type E2EApp, type Person } from './fixtures/app'

/**
 * Notifications in the browser (issue 14): a reply to Mere's comment shows on the bell's
 * count, the notifications page lists it and leads to the plan, "Mark all read" clears the
 * count; email choices on the settings page. Screenshots and axe at desktop and phone width.
 */

let app: E2EApp
let mere: Person
let hemi: Person
let planId: string

beforeAll(async () => {
  app = await startApp()
  mere = await signedInPerson(app, 'Mere Facilitator')
  hemi = await signedInPerson(app, 'Hemi Member', { width: 390, height: 844 })
  planId = await mere.api.createPlan('Whakatāne community plan', 'Whakatāne')
  await mere.api.invite(planId, hemi.api, 'editor', 'agency', 'MSD')
})
afterAll(async () => {
  await app?.close()
})

/** Serious and critical WCAG 2.x A/AA violations (axe-core), by rule. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`)
}

describe('notifications', () => {
  it('shows a reply on the bell, lists it, leads to the plan and marks it read', async () => {
    const thread = await mere.api.request<{ id: string }>('POST', `/api/plans/${planId}/comments`, {
      target: { kind: 'plan', id: planId },
      body: 'Who can bring the kai?',
    })
    expect(thread.status).toBe(201)
    const reply = await hemi.api.request('POST', `/api/plans/${planId}/comments/${thread.body.id}/replies`, { body: 'MSD can.' })
    expect(reply.status).toBe(201)

    // The bell asks on load (and every minute, and on focus).
    await mere.page.goto(`${app.url}/plans`)
    const bell = mere.page.getByRole('link', { name: 'Notifications, 1 unread' })
    await bell.waitFor()
    expect(await bell.textContent()).toContain('1')
    expect(await seriousViolations(mere.page)).toEqual([])
    await screenshot(mere.page, 'notifications-bell-desktop')

    await bell.click()
    await mere.page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor()
    const item = mere.page.getByRole('listitem').filter({ hasText: 'Hemi Member replied to your comment.' })
    await item.waitFor()
    expect(await item.textContent()).toContain('Whakatāne community plan')
    expect(await item.getByRole('link').getAttribute('href')).toBe(`/plans/${planId}`)
    expect(await seriousViolations(mere.page)).toEqual([])
    await screenshot(mere.page, 'notifications-page-desktop')
    await mere.page.setViewportSize({ width: 390, height: 844 })
    expect(await seriousViolations(mere.page)).toEqual([])
    await screenshot(mere.page, 'notifications-page-phone')
    await mere.page.setViewportSize({ width: 1280, height: 860 })

    await mere.page.getByRole('button', { name: 'Mark all read' }).click()
    await mere.page.getByRole('link', { name: 'Notifications', exact: true }).waitFor()
    expect(await item.getByRole('button', { name: 'Mark read' }).count()).toBe(0)
    const list = await mere.api.request<{ unread: number }>('GET', '/api/notifications')
    expect(list.body.unread).toBe(0)
    expect(uncaughtErrors(mere.page)).toEqual([])
  })

  it('chooses how each kind is emailed on the settings page', async () => {
    await hemi.page.goto(`${app.url}/settings`)
    await hemi.page.getByRole('heading', { name: 'Notifications by email' }).waitFor()
    const replies = hemi.page.getByRole('combobox', { name: 'Reply to your comment' })
    expect(await replies.inputValue()).toBe('immediate')
    await replies.selectOption('never')
    await hemi.page.getByText('Saved.').waitFor()
    const prefs = await hemi.api.request<NotificationPrefs>('GET', '/api/notifications/prefs')
    expect(prefs.body.modes['comment-reply']).toBe('never')
    expect(await seriousViolations(hemi.page)).toEqual([])
    await screenshot(hemi.page, 'notifications-settings-phone')
    expect(uncaughtErrors(hemi.page)).toEqual([])
  })
})
