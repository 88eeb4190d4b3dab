import { expect, it } from 'vitest'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * Notifications on SQLite and on PostgreSQL with the same assertions: one row per person and
 * dedupe key; a person's list, newest first, paged, with its unread count; marking read (one,
 * all, never another's); email preferences; which rows are due for email, and marking them once.
 */

const now = Date.UTC(2026, 0, 10)

async function person(repos: Repos, name: string, verified = true) {
  const user = await repos.users.insertUser({ email: `${name.toLowerCase()}@example.nz`, name, passwordHash: 'x', now })
  if (verified) await repos.authTokens.markEmailVerified(user.id, now)
  return user
}

async function plan(repos: Repos, id: string, createdBy: string) {
  await repos.plans.insertPlan({ id, title: `Plan ${id}`, community: 'Kaitāia', district: null, createdBy, now })
}

describeRepos('notifications', (repos) => {
  it('records a notification once per person and dedupe key', async () => {
    const mere = await person(repos(), 'Mere')
    const tama = await person(repos(), 'Tama')
    await plan(repos(), 'planAAAAAAAAAAAA', mere.id)
    const notice = { planId: 'planAAAAAAAAAAAA', kind: 'action-due', dedupeKey: 'action-due:p:a:2026-01-12', payload: { title: 'Kai' } }
    expect(await repos().notifications.insertNotification({ ...notice, userId: mere.id, at: now })).toBe(true)
    expect(await repos().notifications.insertNotification({ ...notice, userId: mere.id, at: now + 1 })).toBe(false)
    expect(await repos().notifications.insertNotification({ ...notice, userId: tama.id, at: now })).toBe(true)
    const list = await repos().notifications.listNotifications(mere.id, { limit: 10 })
    expect(list.unread).toBe(1)
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({ kind: 'action-due', planId: 'planAAAAAAAAAAAA', readAt: null })
    expect(JSON.parse(list.items[0]!.payload)).toEqual({ title: 'Kai' })
  })

  it('lists newest first in pages that neither repeat nor skip, and marks read one or all, only the caller’s', async () => {
    const mere = await person(repos(), 'Mere')
    const tama = await person(repos(), 'Tama')
    for (let i = 0; i < 5; i++) {
      await repos().notifications.insertNotification({
        userId: mere.id,
        planId: null,
        kind: 'review-due',
        dedupeKey: `k${i}`,
        payload: { i },
        at: now + (i < 3 ? 0 : i),
      })
    }
    await repos().notifications.insertNotification({
      userId: tama.id,
      planId: null,
      kind: 'review-due',
      dedupeKey: 'k0',
      payload: {},
      at: now,
    })
    const first = await repos().notifications.listNotifications(mere.id, { limit: 2 })
    const second = await repos().notifications.listNotifications(mere.id, { before: first.items[1]!.id, limit: 2 })
    const third = await repos().notifications.listNotifications(mere.id, { before: second.items[1]!.id, limit: 2 })
    const all = [...first.items, ...second.items, ...third.items].map((row) => (JSON.parse(row.payload) as { i: number }).i)
    expect(all.slice(0, 2)).toEqual([4, 3])
    expect(new Set(all).size).toBe(5)
    expect(first.unread).toBe(5)

    const tamaRow = (await repos().notifications.listNotifications(tama.id, { limit: 1 })).items[0]!
    expect(await repos().notifications.markNotificationsRead(mere.id, { ids: [first.items[0]!.id, tamaRow.id] }, now + 10)).toBe(1)
    expect((await repos().notifications.listNotifications(tama.id, { limit: 1 })).unread).toBe(1)
    expect((await repos().notifications.listNotifications(mere.id, { limit: 1 })).unread).toBe(4)
    expect(await repos().notifications.markNotificationsRead(mere.id, 'all', now + 11)).toBe(4)
    const after = await repos().notifications.listNotifications(mere.id, { limit: 10 })
    expect(after.unread).toBe(0)
    expect(after.items.every((row) => row.readAt !== null)).toBe(true)
  })

  it('keeps each person’s email mode per kind, replacing it when set again', async () => {
    const mere = await person(repos(), 'Mere')
    expect(await repos().notifications.getNotificationPrefs(mere.id)).toEqual({})
    await repos().notifications.setNotificationPref(mere.id, 'action-due', 'immediate')
    await repos().notifications.setNotificationPref(mere.id, 'comment-reply', 'never')
    await repos().notifications.setNotificationPref(mere.id, 'action-due', 'daily')
    expect(await repos().notifications.getNotificationPrefs(mere.id)).toEqual({ 'action-due': 'daily', 'comment-reply': 'never' })
  })

  it('finds rows due for email by mode and digest time, verified addresses only, and marks them once', async () => {
    const mere = await person(repos(), 'Mere')
    const unverified = await person(repos(), 'Hemi', false)
    const add = (userId: string, kind: string, key: string, at: number) =>
      repos().notifications.insertNotification({ userId, planId: null, kind, dedupeKey: key, payload: {}, at })
    await add(mere.id, 'comment-reply', 'reply', now + 100) // immediate by default
    await add(mere.id, 'action-due', 'due-early', now) // daily by default, before the digest time
    await add(mere.id, 'action-due', 'due-late', now + 200) // daily, after it
    await add(mere.id, 'review-due', 'review', now) // daily, but the person chose never
    await add(mere.id, 'hui-changed', 'read', now) // immediate, but already read
    await add(unverified.id, 'comment-reply', 'unverified', now)
    await repos().notifications.setNotificationPref(mere.id, 'review-due', 'never')
    const readId = (await repos().notifications.listNotifications(mere.id, { limit: 10 })).items.find(
      (row) => row.kind === 'hui-changed',
    )!.id
    await repos().notifications.markNotificationsRead(mere.id, { ids: [readId] }, now)

    const due = await repos().notifications.notificationsDueForEmail(now + 150, 10)
    expect(due.map((row) => [row.kind, row.mode, row.email, row.language])).toEqual([
      ['action-due', 'daily', 'mere@example.nz', 'en'],
      ['comment-reply', 'immediate', 'mere@example.nz', 'en'],
    ])
    const ids = due.map((row) => row.id)
    expect(await repos().notifications.markNotificationsEmailed(ids, now + 300)).toBe(2)
    expect(await repos().notifications.markNotificationsEmailed(ids, now + 301)).toBe(0)
    expect(await repos().notifications.notificationsDueForEmail(now + 150, 10)).toEqual([])
    expect((await repos().notifications.notificationsDueForEmail(now + 250, 10)).map((row) => row.kind)).toEqual(['action-due'])
  })

  it('lists live plans with a review date by the horizon', async () => {
    const mere = await person(repos(), 'Mere')
    await plan(repos(), 'planBBBBBBBBBBBB', mere.id)
    expect(await repos().notifications.reminderPlans('2026-02-01')).toEqual([])
    expect(await repos().notifications.reminderActions('2026-02-01')).toEqual([])
  })
})
