import { expect, it } from 'vitest'
import type { AuditEventType } from '@hononga/shared'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos, type RepoBackdoor } from './support/repos'

/**
 * The record-keeping repositories (audit log, quarantine, quotas, idempotency keys), on SQLite
 * and on PostgreSQL with the same assertions: what the audit, quota and recovery paths rely on.
 */

const now = 1_750_000_000_000
const MINUTE = 60_000
const HOUR = 60 * MINUTE

async function user(repos: Repos, name: string) {
  return repos.users.insertUser({ email: `${name.toLowerCase()}@example.nz`, name, passwordHash: 'x', now })
}

async function plan(repos: Repos, id: string, createdBy: string, at = now) {
  await repos.plans.insertPlan({ id, title: `Mahere ${id}`, community: 'Kaitāia', district: null, createdBy, now: at })
  return id
}

function audit(
  repos: Repos,
  planId: string,
  event: AuditEventType,
  details: Record<string, unknown>,
  actorId: string | null = null,
  at = now,
) {
  return repos.audit.recordAudit({ planId, actorId, event, details, at })
}

describeRepos('audit log', (repos) => {
  it('lists a plan’s events newest first, with the actor’s name, and pages with `before` and `limit`', async () => {
    const mere = await user(repos(), 'Mere')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    const other = await plan(repos(), 'planBBBBBBBB', mere.id)
    await audit(repos(), planId, 'plan.created', { title: 'Mahere', community: 'Kaitāia' }, mere.id, now - 5000)
    await audit(repos(), other, 'plan.created', { title: 'Other' }, mere.id)
    for (let i = 0; i < 9; i++) await audit(repos(), planId, 'snapshot.created', { label: `Hui ${i + 1}` })

    const first = await repos().audit.listAudit(planId, { limit: 4 })
    expect(first.map((row) => JSON.parse(row.details) as { label: string }).map((d) => d.label)).toEqual([
      'Hui 9',
      'Hui 8',
      'Hui 7',
      'Hui 6',
    ])
    expect(first[0]).toEqual({
      id: expect.any(Number),
      event: 'snapshot.created',
      actorId: null,
      actorName: null,
      details: '{"label":"Hui 9"}',
      createdAt: now,
    })
    const second = await repos().audit.listAudit(planId, { limit: 4, before: first[3]!.id })
    expect(second.map((row) => row.details)).toEqual(['Hui 5', 'Hui 4', 'Hui 3', 'Hui 2'].map((label) => JSON.stringify({ label })))
    const last = await repos().audit.listAudit(planId, { limit: 4, before: second[3]!.id })
    expect(last.map((row) => row.event)).toEqual(['snapshot.created', 'plan.created'])
    expect(last[1]).toEqual({
      id: expect.any(Number),
      event: 'plan.created',
      actorId: mere.id,
      actorName: 'Mere',
      details: JSON.stringify({ title: 'Mahere', community: 'Kaitāia' }),
      createdAt: now - 5000,
    })

    const everything = await repos().audit.listAudit(planId, { limit: 200 })
    expect(everything).toHaveLength(10)
    const ids = everything.map((row) => row.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(await repos().audit.listAudit(planId, { limit: 200, before: ids[ids.length - 1]! })).toEqual([])
    expect(await repos().audit.listAudit('planCCCCCCCC', { limit: 200 })).toEqual([])
  })

  it('orders by insertion, not by time: an event recorded later with an earlier time still comes first', async () => {
    const mere = await user(repos(), 'Mere')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    await audit(repos(), planId, 'member.joined', { n: 1 }, mere.id, now)
    await audit(repos(), planId, 'member.removed', { n: 2 }, mere.id, now - HOUR)
    expect((await repos().audit.listAudit(planId, { limit: 10 })).map((row) => row.event)).toEqual(['member.removed', 'member.joined'])
  })
})

describeRepos('quarantine', (repos) => {
  it('sets bytes aside and lists a plan’s, newest first, with their size but not the bytes', async () => {
    const whole = new Uint8Array([9, 9, 1, 2, 3, 4, 5, 9])
    const early = await repos().quarantine.quarantineUpdate({
      docId: 'planAAAAAAAA',
      userId: 'userAAAAAAAAAAAA',
      reason: 'apply-failed',
      data: whole.subarray(2, 7),
      at: now - 1000,
    })
    const late = await repos().quarantine.quarantineUpdate({
      docId: 'planAAAAAAAA',
      userId: null,
      reason: 'unloadable-state',
      data: new Uint8Array(300),
      at: now,
    })
    await repos().quarantine.quarantineUpdate({
      docId: 'planBBBBBBBB',
      userId: null,
      reason: 'apply-failed',
      data: new Uint8Array(1),
      at: now,
    })
    expect(early).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(await repos().quarantine.listQuarantined('planAAAAAAAA')).toEqual([
      { id: late, docId: 'planAAAAAAAA', userId: null, reason: 'unloadable-state', bytes: 300, createdAt: now },
      { id: early, docId: 'planAAAAAAAA', userId: 'userAAAAAAAAAAAA', reason: 'apply-failed', bytes: 5, createdAt: now - 1000 },
    ])
    expect(await repos().quarantine.listQuarantined('planCCCCCCCC')).toEqual([])
    expect(
      await repos().quarantine.quarantineUpdate({
        docId: 'planCCCCCCCC',
        userId: null,
        reason: 'apply-failed',
        data: new Uint8Array(0),
        at: now,
      }),
    ).not.toBe(early)
    expect((await repos().quarantine.listQuarantined('planCCCCCCCC')).map((row) => row.bytes)).toEqual([0])
  })
})

describeRepos('quotas', (repos, backdoor) => {
  it('plans: the ones a person created after `since`, oldest first', async () => {
    const aroha = await user(repos(), 'Aroha')
    const hemi = await user(repos(), 'Hemi')
    await plan(repos(), 'planAAAAAAAA', aroha.id, now - 10 * MINUTE)
    await plan(repos(), 'planBBBBBBBB', aroha.id, now - 30 * MINUTE)
    await plan(repos(), 'planCCCCCCCC', aroha.id, now - 2 * HOUR)
    await plan(repos(), 'planDDDDDDDD', aroha.id, now - HOUR) // exactly at `since`: out
    await plan(repos(), 'planEEEEEEEE', hemi.id, now - 5 * MINUTE)
    expect(await repos().quota.quotaUsage('plans', aroha.id, now - HOUR)).toEqual([now - 30 * MINUTE, now - 10 * MINUTE])
    expect(await repos().quota.quotaUsage('plans', hemi.id, now - HOUR)).toEqual([now - 5 * MINUTE])
    expect(await repos().quota.quotaUsage('plans', 'nobodyAAAAAAAAA', now - HOUR)).toEqual([])
  })

  it('imports: plans whose `plan.created` event names `importedFrom`, oldest first', async () => {
    const aroha = await user(repos(), 'Aroha')
    const hemi = await user(repos(), 'Hemi')
    const created = async (
      id: string,
      by: string,
      at: number,
      details: Record<string, unknown>,
      event: AuditEventType = 'plan.created',
    ) => {
      await plan(repos(), id, by, at)
      await audit(repos(), id, event, details, by, at)
    }
    await created('planAAAAAAAA', aroha.id, now - 5 * MINUTE, { title: 'A', importedFrom: 'Mahere tawhito' })
    await created('planBBBBBBBB', aroha.id, now - 20 * MINUTE, { title: 'B', importedFrom: { title: 'an object counts too' } })
    await created('planCCCCCCCC', aroha.id, now - MINUTE, { title: 'not imported' })
    await created('planDDDDDDDD', aroha.id, now - MINUTE, { title: 'JSON null', importedFrom: null })
    await created('planEEEEEEEE', aroha.id, now - MINUTE, { importedFrom: 'another event' }, 'plan.updated')
    await created('planFFFFFFFF', aroha.id, now - 2 * HOUR, { importedFrom: 'too long ago' })
    await created('planGGGGGGGG', hemi.id, now - MINUTE, { importedFrom: 'someone else' })
    expect(await repos().quota.quotaUsage('imports', aroha.id, now - HOUR)).toEqual([now - 20 * MINUTE, now - 5 * MINUTE])
    expect(await repos().quota.quotaUsage('imports', hemi.id, now - HOUR)).toEqual([now - MINUTE])
    // Imports count as plans as well.
    expect(await repos().quota.quotaUsage('plans', aroha.id, now - HOUR)).toHaveLength(5)
  })

  it('snapshots: named ones a person took, across the plans they belong to, oldest first', async () => {
    const aroha = await user(repos(), 'Aroha')
    const hemi = await user(repos(), 'Hemi')
    for (const id of ['planAAAAAAAA', 'planBBBBBBBB', 'planCCCCCCCC']) await plan(repos(), id, hemi.id)
    for (const planId of ['planAAAAAAAA', 'planBBBBBBBB']) {
      await repos().members.insertMember({ planId, userId: aroha.id, role: 'editor', affiliation: 'iwi', organisation: null, now })
    }
    const snapshot = snapshotWriter(backdoor)
    await snapshot('planAAAAAAAA', 'named', aroha.id, now - 5 * MINUTE)
    await snapshot('planBBBBBBBB', 'named', aroha.id, now - 40 * MINUTE)
    await snapshot('planAAAAAAAA', 'auto', aroha.id, now - MINUTE)
    await snapshot('planAAAAAAAA', 'pre-restore', aroha.id, now - MINUTE)
    await snapshot('planAAAAAAAA', 'named', hemi.id, now - MINUTE)
    await snapshot('planAAAAAAAA', 'named', null, now - MINUTE)
    await snapshot('planAAAAAAAA', 'named', aroha.id, now - 2 * HOUR)
    // A plan Aroha does not belong to is not looked in.
    await snapshot('planCCCCCCCC', 'named', aroha.id, now - MINUTE)
    expect(await repos().quota.quotaUsage('snapshots', aroha.id, now - HOUR)).toEqual([now - 40 * MINUTE, now - 5 * MINUTE])
    expect(await repos().quota.quotaUsage('snapshots', hemi.id, now - HOUR)).toEqual([])
    await repos().members.insertMember({
      planId: 'planAAAAAAAA',
      userId: hemi.id,
      role: 'facilitator',
      affiliation: 'police',
      organisation: null,
      now,
    })
    expect(await repos().quota.quotaUsage('snapshots', hemi.id, now - HOUR)).toEqual([now - MINUTE])
  })
})

function snapshotWriter(backdoor: () => RepoBackdoor) {
  let n = 0
  return (docId: string, kind: 'named' | 'auto' | 'pre-restore', createdBy: string | null, at: number) =>
    backdoor().docs.saveSnapshot({
      id: `snap${String(++n).padStart(12, '0')}`,
      docId,
      kind,
      label: `Snapshot ${n}`,
      createdBy,
      createdAt: at,
      state: new Uint8Array([0, 0]),
      marker: new Uint8Array([0]),
    })
}

describeRepos('idempotency keys', (repos, backdoor) => {
  it('prunes the keys stored before `before` and says how many went', async () => {
    const answer = (userId: string, key: string) => ({ userId, key, planId: 'planAAAAAAAA', command: 'agree', status: 200, body: '{}' })
    await backdoor().docs.saveIdempotency(answer('userAAAAAAAAAAAA', 'k1'), 100)
    await backdoor().docs.saveIdempotency(answer('userAAAAAAAAAAAA', 'k2'), 200)
    await backdoor().docs.saveIdempotency(answer('userBBBBBBBBBBBB', 'k1'), 300)
    expect(await repos().idempotency.pruneIdempotencyKeys(100)).toBe(0)
    expect(await repos().idempotency.pruneIdempotencyKeys(200)).toBe(1)
    expect(await backdoor().docs.findIdempotency('userAAAAAAAAAAAA', 'k1')).toBeNull()
    expect(await backdoor().docs.findIdempotency('userAAAAAAAAAAAA', 'k2')).toEqual(answer('userAAAAAAAAAAAA', 'k2'))
    expect(await repos().idempotency.pruneIdempotencyKeys(200)).toBe(0)
    expect(await repos().transaction((tx) => tx.idempotency.pruneIdempotencyKeys(301))).toBe(2)
    expect(await backdoor().count('idempotency_keys')).toBe(0)
  })
})

describeRepos('records in one transaction', (repos) => {
  it('an audit event and a quarantined update roll back together when the callback throws', async () => {
    const mere = await user(repos(), 'Mere')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    const failed = repos().transaction(async (tx) => {
      const id = await tx.quarantine.quarantineUpdate({
        docId: planId,
        userId: mere.id,
        reason: 'apply-failed',
        data: new Uint8Array(3),
        at: now,
      })
      await tx.audit.recordAudit({
        planId,
        actorId: mere.id,
        event: 'update.quarantined',
        details: { quarantineId: id, bytes: 3 },
        at: now,
      })
      expect(await tx.audit.listAudit(planId, { limit: 10 })).toHaveLength(1)
      throw new Error('not after all')
    })
    await expect(failed).rejects.toThrow('not after all')
    expect(await repos().quarantine.listQuarantined(planId)).toEqual([])
    expect(await repos().audit.listAudit(planId, { limit: 10 })).toEqual([])
  })

  it('and commit together when it returns', async () => {
    const mere = await user(repos(), 'Mere')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    const id = await repos().transaction(async (tx) => {
      const quarantined = await tx.quarantine.quarantineUpdate({
        docId: planId,
        userId: mere.id,
        reason: 'apply-failed',
        data: new Uint8Array(3),
        at: now,
      })
      await tx.audit.recordAudit({
        planId,
        actorId: mere.id,
        event: 'update.quarantined',
        details: { quarantineId: quarantined, bytes: 3 },
        at: now,
      })
      return quarantined
    })
    expect((await repos().quarantine.listQuarantined(planId)).map((row) => row.id)).toEqual([id])
    expect((await repos().audit.listAudit(planId, { limit: 10 })).map((row) => JSON.parse(row.details) as unknown)).toEqual([
      { quarantineId: id, bytes: 3 },
    ])
  })
})
