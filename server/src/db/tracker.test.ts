import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  addPriorityAction,
  addProgressEntry,
  currentFingerprint,
  initPlanDoc,
  removePriorityAction,
  setActionStatus,
  setAgreedMark,
  setPlanReviewDate,
  type ActionId,
} from '@hononga/shared'
import { openDb, type Db } from './open'
import { deletePlan, insertPlan } from './plans'
import { plans, trackedActions } from './schema'
import { refreshTrackedActions, trackedActionsForUser } from './tracker'
import { insertUser } from './users'
import { insertMember } from './members'
import { sqliteRepositories } from '../repos/sqlite'

describe('tracked actions', () => {
  let dataDir: string
  let db: Db
  let userId: string
  let doc: Y.Doc
  let action: ActionId
  const planId = 'planTRACKED1'
  const now = 1_750_000_000_000

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-tracker-'))
    db = openDb({ dataDir })
    userId = insertUser(db, { email: 'kaiarahi@example.nz', name: 'Kaiārahi', passwordHash: 'x', now }).id
    insertPlan(db, { id: planId, title: 'Te Mahere', community: 'Whakatāne', district: null, createdBy: userId, now })
    insertMember(db, { planId, userId, role: 'facilitator', affiliation: 'iwi', organisation: 'Ngāti Awa', now })
    doc = new Y.Doc()
    initPlanDoc(doc, { title: 'Te Mahere', community: 'Whakatāne' })
    action = addPriorityAction(doc, {
      title: 'Wānanga',
      lead: 'Ngāti Awa',
      leadUserId: userId,
      partners: ['Health NZ'],
      dueDate: '2025-09-01',
      status: 'agreed',
    })
    addPriorityAction(doc, { title: 'Proposed only' })
  })

  afterEach(() => {
    doc.destroy()
    db.$client.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const rows = () => db.select().from(trackedActions).where(eq(trackedActions.planId, planId)).all()
  const planRow = () => db.select().from(plans).where(eq(plans.id, planId)).get()!

  it('derives one row per action, with the plan’s review date and when it was derived', () => {
    setPlanReviewDate(doc, '2025-07-01')
    addProgressEntry(doc, action, { date: '2025-05-01', status: 'in progress', note: 'Kua tīmata', authorName: 'Mere' })
    const target = { kind: 'action' as const, id: action }
    setAgreedMark(
      doc,
      target,
      { snapshotId: 's', label: 'Agreed', at: now, by: userId, byName: 'Kaiārahi', fingerprint: currentFingerprint(doc, target)! },
      { source: 'server', reason: 'test' },
    )
    refreshTrackedActions(db, planId, doc, now + 1)

    expect(planRow()).toMatchObject({ reviewDate: '2025-07-01', trackedAt: now + 1 })
    const [tracked] = trackedActionsForUser(db, userId, { leadUserId: userId })
    expect(tracked).toMatchObject({
      planId,
      actionId: action,
      title: 'Wānanga',
      lead: 'Ngāti Awa',
      // The lead's own organisation in this plan, from the members table.
      leadOrganisation: 'Ngāti Awa',
      partners: ['Health NZ'],
      dueDate: '2025-09-01',
      status: 'agreed',
      agreed: true,
      changedSinceAgreed: false,
      planReviewDate: '2025-07-01',
      lastProgress: { date: '2025-05-01', note: 'Kua tīmata', authorName: 'Mere', status: 'in progress' },
    })
    expect(trackedActionsForUser(db, userId)).toHaveLength(2)
    // An action nobody in the plan leads has no lead organisation.
    expect(trackedActionsForUser(db, userId).find((row) => row.title === 'Proposed only')?.leadOrganisation).toBeNull()
    expect(trackedActionsForUser(db, 'someone-else')).toEqual([])
  })

  it('rewrites only when a tracked field changed, but always records when it looked', () => {
    refreshTrackedActions(db, planId, doc, now + 1)
    expect(rows().map((r) => r.updatedAt)).toEqual([now + 1, now + 1])

    refreshTrackedActions(db, planId, doc, now + 2)
    expect(rows().map((r) => r.updatedAt)).toEqual([now + 1, now + 1])
    expect(planRow().trackedAt).toBe(now + 2)

    setActionStatus(doc, action, 'at risk')
    removePriorityAction(doc, rows().find((r) => r.title === 'Proposed only')!.actionId as ActionId)
    refreshTrackedActions(db, planId, doc, now + 3)
    expect(rows()).toMatchObject([{ actionId: action, status: 'at risk', updatedAt: now + 3 }])
  })

  it('rewrites after a rolled-back write, never trusting what it remembered over what is stored', async () => {
    const repos = sqliteRepositories(db)
    await expect(
      repos.transaction(async (tx) => {
        await tx.tracker.refreshTrackedActions(planId, doc, now + 1)
        throw new Error('the rest of the transaction failed')
      }),
    ).rejects.toThrow('the rest')
    expect(rows()).toEqual([])
    // The same document again: what this process remembers writing was rolled back.
    refreshTrackedActions(db, planId, doc, now + 2)
    expect(rows().map((r) => r.updatedAt)).toEqual([now + 2, now + 2])
  })

  it('goes with its plan', () => {
    refreshTrackedActions(db, planId, doc, now + 1)
    deletePlan(db, planId)
    expect(rows()).toEqual([])
  })
})
