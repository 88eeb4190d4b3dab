import * as Y from 'yjs'
import { expect, it } from 'vitest'
import {
  addPriorityAction,
  addProgressEntry,
  currentFingerprint,
  initPlanDoc,
  removePriorityAction,
  setActionStatus,
  setAgreedMark,
  setEngagement,
  setPlanReviewDate,
  type ActionId,
} from '@hononga/shared'
import { isUniqueViolation } from '../../server/src/db/executor'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * The plans and tracker repositories, on SQLite and on PostgreSQL with the same assertions:
 * what the plan, lifecycle and tracker routes, the purge and the sync engine's derived-table
 * hook rely on (listing order, lifecycle fields, the lock, purges due, tracker rows).
 */

const now = 1_750_000_000_000
const DAY = 24 * 3600_000

async function user(repos: Repos, name: string) {
  return repos.users.insertUser({ email: `${name.toLowerCase()}@example.nz`, name, passwordHash: 'x', now })
}

async function plan(repos: Repos, id: string, createdBy: string, options: { title?: string; at?: number } = {}) {
  const title = options.title ?? `Mahere ${id}`
  await repos.plans.insertPlan({ id, title, community: 'Kaitāia', district: 'Northland', createdBy, now: options.at ?? now })
  return id
}

async function join(repos: Repos, planId: string, userId: string, role: 'facilitator' | 'editor' | 'viewer' = 'facilitator') {
  await repos.members.insertMember({ planId, userId, role, affiliation: 'iwi', organisation: 'Te Rarawa', now })
}

function planDoc(title = 'Te Mahere'): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title, community: 'Whakatāne' })
  return doc
}

describeRepos('plans', (repos) => {
  it('shows a plan to its members only, with their membership and the member count', async () => {
    const mere = await user(repos(), 'Mere')
    const hemi = await user(repos(), 'Hemi')
    const stranger = await user(repos(), 'Tauhou')
    const id = await plan(repos(), 'planAAAAAAAA', mere.id, { title: 'Mahere o Te Hiku' })
    await join(repos(), id, mere.id)
    await repos().members.insertMember({
      planId: id,
      userId: hemi.id,
      role: 'viewer',
      affiliation: 'police',
      organisation: null,
      speaksFor: false,
      now,
    })

    expect(await repos().plans.getPlanForMember(id, hemi.id)).toEqual({
      id,
      title: 'Mahere o Te Hiku',
      community: 'Kaitāia',
      district: 'Northland',
      role: 'viewer',
      affiliation: 'police',
      organisation: null,
      speaksFor: false,
      createdAt: now,
      updatedAt: now,
      memberCount: 2,
      archivedAt: null,
      deletedAt: null,
      purgeAt: null,
    })
    expect(await repos().plans.getPlanForMember(id, stranger.id)).toBeNull()
    expect(await repos().plans.getPlanForMember('planUNKNOWN1', mere.id)).toBeNull()
    expect(await repos().plans.getPlanHeading(id)).toEqual({ title: 'Mahere o Te Hiku', community: 'Kaitāia' })
    expect(await repos().plans.getPlanHeading('planUNKNOWN1')).toBeNull()
  })

  it('throws a unique violation for a plan id already taken', async () => {
    const mere = await user(repos(), 'Mere')
    await plan(repos(), 'planAAAAAAAA', mere.id, { title: 'First' })
    const error = await plan(repos(), 'planAAAAAAAA', mere.id, { title: 'Second' }).catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
    expect(await repos().plans.getPlanHeading('planAAAAAAAA')).toMatchObject({ title: 'First' })
  })

  it('lists only my plans, most recently changed first (then most recently created), never a purged one', async () => {
    const mere = await user(repos(), 'Mere')
    const hemi = await user(repos(), 'Hemi')
    const first = await plan(repos(), 'planAAAAAAAA', mere.id, { at: now })
    const second = await plan(repos(), 'planBBBBBBBB', mere.id, { at: now + 1000 })
    const third = await plan(repos(), 'planCCCCCCCC', mere.id, { at: now + 2000 })
    const his = await plan(repos(), 'planDDDDDDDD', hemi.id, { at: now + 3000 })
    for (const id of [first, second, third]) await join(repos(), id, mere.id)
    await join(repos(), his, hemi.id)

    const list = async (userId: string) => (await repos().plans.listPlansForUser(userId)).map((p) => p.id)
    expect(await list(mere.id)).toEqual([third, second, first])
    expect(await list(hemi.id)).toEqual([his])

    // A change moves the plan to the top and copies the document's heading.
    await repos().plans.updatePlanHeading(first, { title: 'Renamed', community: 'Ahipara', district: null }, now + 5000)
    expect(await list(mere.id)).toEqual([first, third, second])
    const [top] = await repos().plans.listPlansForUser(mere.id)
    expect(top).toMatchObject({ title: 'Renamed', community: 'Ahipara', district: null, updatedAt: now + 5000, memberCount: 1 })
    expect(typeof top!.memberCount).toBe('number')

    // Equal change times: the one created later first.
    await repos().plans.updatePlanHeading(second, { title: 'B', community: 'K', district: null }, now + 5000)
    expect(await list(mere.id)).toEqual([second, first, third])

    await repos().plans.markPlanPurged(third, now + 6000)
    expect(await list(mere.id)).toEqual([second, first])
  })

  it('archives and restores, deletes and undoes, and locks the plan meanwhile', async () => {
    const mere = await user(repos(), 'Mere')
    const id = await plan(repos(), 'planAAAAAAAA', mere.id, { title: 'Te Mahere' })
    const lifecycle = { title: 'Te Mahere', archivedAt: null, deletedAt: null, purgeAt: null, purgedAt: null }
    expect(await repos().plans.getPlanLifecycle(id)).toEqual(lifecycle)
    expect(await repos().plans.getPlanLifecycle('planUNKNOWN1')).toBeNull()
    expect(await repos().plans.isPlanLocked(id)).toBe(false)
    expect(await repos().plans.isPlanLocked('planUNKNOWN1')).toBe(false)

    await repos().plans.setPlanArchived(id, now + 1)
    expect(await repos().plans.getPlanLifecycle(id)).toEqual({ ...lifecycle, archivedAt: now + 1 })
    expect(await repos().plans.isPlanLocked(id)).toBe(true)
    await repos().plans.setPlanArchived(id, null)
    expect(await repos().plans.isPlanLocked(id)).toBe(false)

    await repos().plans.setPlanDeletion(id, { deletedAt: now + 2, purgeAt: now + 2 + 30 * DAY })
    expect(await repos().plans.getPlanLifecycle(id)).toEqual({ ...lifecycle, deletedAt: now + 2, purgeAt: now + 2 + 30 * DAY })
    expect(await repos().plans.isPlanLocked(id)).toBe(true)
    await repos().plans.setPlanDeletion(id, null)
    expect(await repos().plans.getPlanLifecycle(id)).toEqual(lifecycle)
    expect(await repos().plans.isPlanLocked(id)).toBe(false)

    // The listing carries the same fields.
    await join(repos(), id, mere.id)
    await repos().plans.setPlanArchived(id, now + 3)
    expect((await repos().plans.listPlansForUser(mere.id))[0]).toMatchObject({ archivedAt: now + 3, deletedAt: null, purgeAt: null })
  })

  it('finds the deletions due, in the order the plans were made, until each is purged', async () => {
    const mere = await user(repos(), 'Mere')
    const ids = ['planZZZZZZZZ', 'planMMMMMMMM', 'planAAAAAAAA', 'planUNDONE01', 'planLATER001']
    for (const [i, id] of ids.entries()) await plan(repos(), id, mere.id, { at: now + i })
    for (const id of ids) await repos().plans.setPlanDeletion(id, { deletedAt: now, purgeAt: now + 30 * DAY })
    await repos().plans.setPlanDeletion('planLATER001', { deletedAt: now + DAY, purgeAt: now + 31 * DAY })
    await repos().plans.setPlanDeletion('planUNDONE01', null)

    expect(await repos().plans.plansDueForPurge(now + 30 * DAY - 1)).toEqual([])
    expect(await repos().plans.plansDueForPurge(now + 30 * DAY)).toEqual(['planZZZZZZZZ', 'planMMMMMMMM', 'planAAAAAAAA'])

    await repos().plans.markPlanPurged('planMMMMMMMM', now + 30 * DAY)
    expect(await repos().plans.getPlanLifecycle('planMMMMMMMM')).toEqual({
      title: '',
      archivedAt: null,
      deletedAt: now,
      purgeAt: now + 30 * DAY,
      purgedAt: now + 30 * DAY,
    })
    expect(await repos().plans.getPlanHeading('planMMMMMMMM')).toEqual({ title: '', community: '' })
    expect(await repos().plans.plansDueForPurge(now + 31 * DAY)).toEqual(['planZZZZZZZZ', 'planAAAAAAAA', 'planLATER001'])
  })

  it('deleting a plan takes its members, invites and tracker rows with it', async () => {
    const mere = await user(repos(), 'Mere')
    const id = await plan(repos(), 'planAAAAAAAA', mere.id)
    await join(repos(), id, mere.id)
    await repos().invites.insertInvite({
      code: 'inviteAAAAAAAAAAAAAAAA',
      planId: id,
      role: 'editor',
      affiliation: 'iwi',
      organisation: null,
      speaksFor: true,
      createdBy: mere.id,
      now,
      expiresAt: now + DAY,
      maxUses: null,
    })
    const doc = planDoc()
    addPriorityAction(doc, { title: 'Wānanga' })
    await repos().tracker.refreshTrackedActions(id, doc, now)
    expect(await repos().tracker.trackedActionsForUser(mere.id)).toHaveLength(1)

    await repos().plans.deletePlan(id)
    expect(await repos().plans.getPlanLifecycle(id)).toBeNull()
    expect(await repos().members.findMembership(id, mere.id)).toBeNull()
    expect(await repos().invites.findInvite('inviteAAAAAAAAAAAAAAAA')).toBeNull()
    expect(await repos().tracker.trackedActionsForUser(mere.id)).toEqual([])
    doc.destroy()
  })

  it('removes the rows derived from a plan for the purge, keeping the plan and other plans', async () => {
    const mere = await user(repos(), 'Mere')
    const hemi = await user(repos(), 'Hemi')
    const id = await plan(repos(), 'planAAAAAAAA', mere.id)
    const other = await plan(repos(), 'planBBBBBBBB', mere.id)
    const code = {
      id: 'codeAAAAAAAA',
      planId: id,
      codeHash: 'hash-a',
      huiId: 'hui',
      createdBy: mere.id,
      now,
      expiresAt: now + DAY,
      maxUses: 5,
    }
    const doc = planDoc()
    addPriorityAction(doc, { title: 'Wānanga' })
    for (const planId of [id, other]) {
      await join(repos(), planId, mere.id)
      await repos().invites.insertInvite({
        code: `invite-${planId}`.padEnd(22, 'x'),
        planId,
        role: 'editor',
        affiliation: 'iwi',
        organisation: null,
        speaksFor: true,
        createdBy: mere.id,
        now,
        expiresAt: now + DAY,
        maxUses: null,
      })
      await repos().joinCodes.insertJoinCode({ ...code, id: `code-${planId}`, planId, codeHash: `hash-${planId}` })
      await repos().joinCodes.insertJoinRequest({
        id: `request-${planId}`,
        planId,
        userId: hemi.id,
        joinCodeId: `code-${planId}`,
        affiliation: null,
        organisation: null,
        now,
      })
      await repos().tracker.refreshTrackedActions(planId, doc, now)
    }

    await repos().plans.deletePlanRows(id)
    expect(await repos().plans.getPlanLifecycle(id)).toMatchObject({ title: 'Mahere planAAAAAAAA' })
    expect(await repos().members.listMembers(id)).toEqual([])
    expect(await repos().invites.listInvites(id)).toEqual([])
    expect(await repos().joinCodes.findJoinCodeByHash(`hash-${id}`)).toBeNull()
    expect(await repos().joinCodes.findJoinRequest(`request-${id}`)).toBeNull()
    expect((await repos().tracker.trackedActionsForUser(mere.id)).map((row) => row.planId)).toEqual([other])
    // The other plan keeps everything.
    expect(await repos().members.listMembers(other)).toHaveLength(1)
    expect(await repos().invites.listInvites(other)).toHaveLength(1)
    expect(await repos().joinCodes.findJoinCodeByHash(`hash-${other}`)).not.toBeNull()
    expect(await repos().joinCodes.findJoinRequest(`request-${other}`)).not.toBeNull()
    doc.destroy()
  })
})

describeRepos('tracker', (repos) => {
  async function setUp() {
    const kaiarahi = await user(repos(), 'Kaiārahi')
    const planId = await plan(repos(), 'planTRACKED1', kaiarahi.id, { title: 'Te Mahere' })
    await repos().members.insertMember({
      planId,
      userId: kaiarahi.id,
      role: 'facilitator',
      affiliation: 'iwi',
      organisation: 'Ngāti Awa',
      now,
    })
    const doc = planDoc()
    const action = addPriorityAction(doc, {
      title: 'Wānanga',
      lead: 'Ngāti Awa',
      leadUserId: kaiarahi.id,
      partners: ['Health NZ'],
      dueDate: '2025-09-01',
      status: 'agreed',
    })
    addPriorityAction(doc, { title: 'Proposed only' })
    return { userId: kaiarahi.id, planId, doc, action }
  }

  it('derives one row per action, with the plan’s review date, the lead’s organisation and the last progress', async () => {
    const { userId, planId, doc, action } = await setUp()
    setPlanReviewDate(doc, '2025-07-01')
    addProgressEntry(doc, action, { date: '2025-05-01', status: 'in progress', note: 'Kua tīmata', authorName: 'Mere' })
    const target = { kind: 'action' as const, id: action }
    setAgreedMark(
      doc,
      target,
      { snapshotId: 's', label: 'Agreed', at: now, by: userId, byName: 'Kaiārahi', fingerprint: currentFingerprint(doc, target)! },
      { source: 'server', reason: 'test' },
    )
    // The engagement level agreed for it (issue 13 §4) is a tracked column too.
    setEngagement(doc, target, { level: 'partner', userId, name: 'Kaiārahi', at: now }, { source: 'server', reason: 'test' })
    await repos().tracker.refreshTrackedActions(planId, doc, now + 1)

    const [tracked, ...others] = await repos().tracker.trackedActionsForUser(userId, { leadUserId: userId })
    expect(others).toEqual([])
    expect(tracked).toEqual({
      planId,
      planTitle: 'Te Mahere',
      community: 'Kaitāia',
      district: 'Northland',
      planReviewDate: '2025-07-01',
      actionId: action,
      title: 'Wānanga',
      lead: 'Ngāti Awa',
      leadUserId: userId,
      leadOrganisation: 'Ngāti Awa',
      partners: ['Health NZ'],
      dueDate: '2025-09-01',
      reviewDate: null,
      status: 'agreed',
      agreed: true,
      changedSinceAgreed: false,
      lastProgress: { date: '2025-05-01', note: 'Kua tīmata', authorName: 'Mere', status: 'in progress' },
      engagement: 'partner',
    })
    const all = await repos().tracker.trackedActionsForUser(userId)
    expect(all).toHaveLength(2)
    // An action nobody in the plan leads has no lead organisation; no due date sorts first.
    expect(all[0]).toMatchObject({
      title: 'Proposed only',
      leadOrganisation: null,
      partners: [],
      lastProgress: null,
      agreed: false,
      engagement: null,
    })
    expect(await repos().tracker.trackedActionsForUser(userId, { planId })).toHaveLength(2)
    expect(await repos().tracker.trackedActionsForUser(userId, { planId: 'planUNKNOWN1' })).toEqual([])
    expect(await repos().tracker.trackedActionsForUser(userId, { leadUserId: 'someoneELSE1' })).toEqual([])
    expect(await repos().tracker.trackedActionsForUser('someoneELSE1')).toEqual([])
    doc.destroy()
  })

  it('follows the document: unchanged fields cost no rewrite, changes and removals show', async () => {
    const { userId, planId, doc, action } = await setUp()
    await repos().tracker.refreshTrackedActions(planId, doc, now + 1)
    await repos().tracker.refreshTrackedActions(planId, doc, now + 2)
    expect(await repos().tracker.trackedActionsForUser(userId)).toHaveLength(2)

    setActionStatus(doc, action, 'at risk')
    const proposed = (await repos().tracker.trackedActionsForUser(userId)).find((row) => row.title === 'Proposed only')!
    removePriorityAction(doc, proposed.actionId as ActionId)
    await repos().tracker.refreshTrackedActions(planId, doc, now + 3)
    expect(await repos().tracker.trackedActionsForUser(userId)).toMatchObject([{ actionId: action, status: 'at risk' }])

    setPlanReviewDate(doc, '2026-01-01')
    await repos().tracker.refreshTrackedActions(planId, doc, now + 4)
    expect(await repos().tracker.trackedActionsForUser(userId)).toMatchObject([{ actionId: action, planReviewDate: '2026-01-01' }])
    doc.destroy()
  })

  it('lists plans whose rows are older than their last change, most recently changed first', async () => {
    const { userId, planId, doc } = await setUp()
    const second = await plan(repos(), 'planSECOND01', userId, { at: now + 10 })
    await join(repos(), second, userId)
    // Made by them but they are not a member: never listed.
    await plan(repos(), 'planTHEIRS01', userId, { at: now + 20 })
    // Never derived: stale.
    expect(await repos().tracker.stalePlansForUser(userId, 10)).toEqual([second, planId])
    expect(await repos().tracker.stalePlansForUser(userId, 1)).toEqual([second])

    await repos().tracker.refreshTrackedActions(planId, doc, now)
    expect(await repos().tracker.stalePlansForUser(userId, 10)).toEqual([second])
    // A change after the rows were derived makes it stale again; deriving at the change catches up,
    // also when nothing tracked changed (the rows are kept, the time is moved on).
    await repos().plans.updatePlanHeading(planId, { title: 'Te Mahere', community: 'Kaitāia', district: null }, now + 100)
    expect(await repos().tracker.stalePlansForUser(userId, 10)).toEqual([planId, second])
    await repos().tracker.refreshTrackedActions(planId, doc, now + 100)
    expect(await repos().tracker.stalePlansForUser(userId, 10)).toEqual([second])
    expect(await repos().tracker.trackedActionsForUser(userId)).toHaveLength(2)
    expect(await repos().tracker.stalePlansForUser('someoneELSE1', 10)).toEqual([])
    doc.destroy()
  })

  it('orders by plan title (byte order, as SQLite compares) and due date, undated first', async () => {
    const me = await user(repos(), 'Mere')
    const titles = ['Ōtaki', 'apple', 'Zebra', 'Ahipara']
    for (const [i, title] of titles.entries()) {
      const id = await plan(repos(), `planORDER00${i}`, me.id, { title })
      await join(repos(), id, me.id)
      const doc = planDoc(title)
      addPriorityAction(doc, { title: `${title} later`, dueDate: '2025-12-01' })
      addPriorityAction(doc, { title: `${title} undated` })
      addPriorityAction(doc, { title: `${title} sooner`, dueDate: '2025-02-01' })
      await repos().tracker.refreshTrackedActions(id, doc, now)
      doc.destroy()
    }
    const rows = await repos().tracker.trackedActionsForUser(me.id)
    expect(rows.map((row) => row.title)).toEqual(
      ['Ahipara', 'Zebra', 'apple', 'Ōtaki'].flatMap((title) => [`${title} undated`, `${title} sooner`, `${title} later`]),
    )
  })

  it('writes plans with many actions (more than one insert statement)', async () => {
    const me = await user(repos(), 'Mere')
    const id = await plan(repos(), 'planMANY0001', me.id)
    await join(repos(), id, me.id)
    const doc = planDoc()
    for (let i = 0; i < 1_050; i++) addPriorityAction(doc, { title: `Action ${i}`, lead: 'Ngāti Awa', dueDate: '2025-09-01' })
    await repos().tracker.refreshTrackedActions(id, doc, now)
    const rows = await repos().tracker.trackedActionsForUser(me.id)
    expect(rows).toHaveLength(1_050)
    expect(new Set(rows.map((row) => row.title)).size).toBe(1_050)
    doc.destroy()
  })

  it('rewrites nothing when the transaction around it rolls back, and commits with it', async () => {
    const { userId, planId, doc } = await setUp()
    const failure = new Error('rolled back')
    await expect(
      repos().transaction(async (tx) => {
        await tx.tracker.refreshTrackedActions(planId, doc, now)
        expect(await tx.tracker.trackedActionsForUser(userId)).toHaveLength(2)
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(await repos().tracker.trackedActionsForUser(userId)).toEqual([])
    expect(await repos().tracker.stalePlansForUser(userId, 10)).toEqual([planId])

    // (Changed, so that SQLite's record of what it last wrote, kept through the rollback, does not skip it.)
    addPriorityAction(doc, { title: 'Hui' })
    await repos().transaction(async (tx) => {
      await tx.plans.updatePlanHeading(planId, { title: 'Te Mahere', community: 'Kaitāia', district: null }, now + 1)
      await tx.tracker.refreshTrackedActions(planId, doc, now + 1)
    })
    expect(await repos().tracker.trackedActionsForUser(userId)).toHaveLength(3)
    expect(await repos().tracker.stalePlansForUser(userId, 10)).toEqual([])
    doc.destroy()
  })

  it('lists the organisations a person speaks for, in the order they joined, leaving out none given', async () => {
    const me = await user(repos(), 'Mere')
    const orgs: (string | null)[] = ['Ngāti Kahu', null, 'Health NZ', 'Ngāti Kahu']
    for (const [i, organisation] of orgs.entries()) {
      const id = await plan(repos(), `planZ${String(9 - i).repeat(7)}`, me.id)
      await repos().members.insertMember({ planId: id, userId: me.id, role: 'editor', affiliation: 'iwi', organisation, now: now + i })
    }
    expect(await repos().tracker.organisationsOfUser(me.id)).toEqual(['Ngāti Kahu', 'Health NZ', 'Ngāti Kahu'])
    expect(await repos().tracker.organisationsOfUser('someoneELSE1')).toEqual([])
  })
})
