import { expect, it } from 'vitest'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * The district repository (issue 13 §6) on SQLite and on PostgreSQL with the same assertions:
 * administrators, groups and their members, one share per plan, consents as upserts that a
 * withdrawal deletes, and raised items with their answers.
 */

const now = Date.UTC(2025, 5, 15, 0, 0, 0)

async function user(repos: Repos, name: string) {
  return repos.users.insertUser({ email: `${name.toLowerCase()}@example.nz`, name, passwordHash: 'x', now })
}

async function plan(repos: Repos, id: string, title: string, createdBy: string) {
  await repos.plans.insertPlan({ id, title, community: 'Kaitāia', district: null, createdBy, now })
  return id
}

describeRepos('districts', (repos) => {
  it('grants and revokes administration, once each', async () => {
    const ana = await user(repos(), 'Ana')
    expect(await repos().districts.isInstanceAdmin(ana.id)).toBe(false)
    expect(await repos().districts.grantAdmin(ana.id, now)).toBe(true)
    expect(await repos().districts.grantAdmin(ana.id, now + 1)).toBe(false)
    expect(await repos().districts.isInstanceAdmin(ana.id)).toBe(true)
    expect(await repos().districts.listAdmins()).toEqual([{ userId: ana.id, name: 'Ana', email: 'ana@example.nz', grantedAt: now }])
    expect(await repos().districts.revokeAdmin(ana.id)).toBe(true)
    expect(await repos().districts.revokeAdmin(ana.id)).toBe(false)
    expect(await repos().districts.listAdmins()).toEqual([])
  })

  it('keeps groups with their members and counts', async () => {
    const ana = await user(repos(), 'Ana')
    const dee = await user(repos(), 'Dee')
    const eru = await user(repos(), 'Eru')
    await repos().districts.insertDistrictGroup({ id: 'groupBBBBBBBB', name: 'Tairāwhiti', createdBy: ana.id, createdAt: now })
    await repos().districts.insertDistrictGroup({ id: 'groupAAAAAAAA', name: 'Bay of Plenty', createdBy: ana.id, createdAt: now })
    expect(await repos().districts.findDistrictGroup('groupAAAAAAAA')).toEqual({ id: 'groupAAAAAAAA', name: 'Bay of Plenty' })
    expect(await repos().districts.findDistrictGroup('groupZZZZZZZZ')).toBeNull()
    const add = (groupId: string, userId: string) => repos().districts.addDistrictMember({ groupId, userId, addedBy: ana.id, addedAt: now })
    expect(await add('groupAAAAAAAA', dee.id)).toBe(true)
    expect(await add('groupAAAAAAAA', dee.id)).toBe(false)
    expect(await add('groupAAAAAAAA', eru.id)).toBe(true)
    expect(await add('groupBBBBBBBB', eru.id)).toBe(true)

    expect(await repos().districts.listDistrictGroups(null)).toEqual([
      { id: 'groupAAAAAAAA', name: 'Bay of Plenty', memberCount: 2 },
      { id: 'groupBBBBBBBB', name: 'Tairāwhiti', memberCount: 1 },
    ])
    expect(await repos().districts.listDistrictGroups(dee.id)).toEqual([{ id: 'groupAAAAAAAA', name: 'Bay of Plenty', memberCount: 2 }])
    expect(await repos().districts.listDistrictGroups(ana.id)).toEqual([])
    expect((await repos().districts.listDistrictMembers('groupAAAAAAAA')).map((m) => m.name)).toEqual(['Dee', 'Eru'])
    expect(await repos().districts.listDistrictMembers(null)).toHaveLength(3)
    expect(await repos().districts.isDistrictMember('groupAAAAAAAA', dee.id)).toBe(true)
    expect(await repos().districts.removeDistrictMember('groupAAAAAAAA', dee.id)).toBe(true)
    expect(await repos().districts.removeDistrictMember('groupAAAAAAAA', dee.id)).toBe(false)
    expect(await repos().districts.isDistrictMember('groupAAAAAAAA', dee.id)).toBe(false)
  })

  it('shares a plan with one group, and keeps consents as upserts that withdrawal deletes', async () => {
    const mere = await user(repos(), 'Mere')
    const tama = await user(repos(), 'Tama')
    const planId = await plan(repos(), 'planAAAAAAAA', 'Whakatāne', mere.id)
    await plan(repos(), 'planBBBBBBBB', 'Another', mere.id)
    await repos().districts.insertDistrictGroup({ id: 'groupAAAAAAAA', name: 'Bay of Plenty', createdBy: null, createdAt: now })
    await repos().districts.insertDistrictGroup({ id: 'groupBBBBBBBB', name: 'Tairāwhiti', createdBy: null, createdAt: now })
    expect(await repos().districts.findDistrictShare(planId)).toBeNull()
    await repos().districts.setDistrictShare({ planId, groupId: 'groupAAAAAAAA', requestedBy: mere.id, requestedAt: now })
    await repos().districts.setDistrictShare({ planId, groupId: 'groupBBBBBBBB', requestedBy: mere.id, requestedAt: now + 5 })
    expect(await repos().districts.findDistrictShare(planId)).toEqual({
      planId,
      groupId: 'groupBBBBBBBB',
      groupName: 'Tairāwhiti',
      requestedBy: mere.id,
      requestedByName: 'Mere',
      requestedAt: now + 5,
    })
    expect(await repos().districts.listSharedPlans('groupBBBBBBBB')).toEqual([{ planId, title: 'Whakatāne', community: 'Kaitāia' }])
    expect(await repos().districts.listSharedPlans('groupAAAAAAAA')).toEqual([])
    // An archived plan is out of the roll-up: its partners could not withdraw their consent.
    await repos().plans.setPlanArchived(planId, now + 6)
    expect(await repos().districts.listSharedPlans('groupBBBBBBBB')).toEqual([])
    await repos().plans.setPlanArchived(planId, null)

    // Two members of one partner consenting at once leave one row: the later.
    const give = (by: string, at: number, subject = 'share', partner = 'iwi:ngāti awa') =>
      repos().districts.giveConsent({ planId, subject, partner, givenBy: by, givenAt: at })
    await Promise.all([give(mere.id, now), give(tama.id, now + 1)])
    await give(tama.id, now + 2, 'share', 'police:')
    await give(tama.id, now + 3, 'raise:raisedAAAAAAA')
    const consents = await repos().districts.listConsents(planId)
    expect(consents).toHaveLength(3)
    expect(consents.filter((c) => c.subject === 'share').map((c) => c.partner)).toEqual(['iwi:ngāti awa', 'police:'])
    expect(await repos().districts.withdrawConsent(planId, 'share', 'police:')).toBe(true)
    expect(await repos().districts.withdrawConsent(planId, 'share', 'police:')).toBe(false)
    expect(await repos().districts.clearConsents(planId, 'share')).toBe(1)
    expect((await repos().districts.listConsents(planId)).map((c) => c.subject)).toEqual(['raise:raisedAAAAAAA'])

    expect(await repos().districts.deleteDistrictShare(planId)).toBe(true)
    expect(await repos().districts.deleteDistrictShare(planId)).toBe(false)
  })

  it('keeps raised items and the district’s answer', async () => {
    const mere = await user(repos(), 'Mere')
    const dee = await user(repos(), 'Dee')
    const planId = await plan(repos(), 'planAAAAAAAA', 'Whakatāne', mere.id)
    await repos().districts.insertDistrictGroup({ id: 'groupAAAAAAAA', name: 'Bay of Plenty', createdBy: null, createdAt: now })
    const item = { planId, groupId: 'groupAAAAAAAA', target: 'action|actAAAAAAAAAA', title: 'Wānanga', note: 'Fund a youth worker' }
    await repos().districts.insertRaisedItem({ ...item, id: 'raisedBBBBBBB', raisedBy: mere.id, raisedAt: now + 1 })
    await repos().districts.insertRaisedItem({ ...item, id: 'raisedAAAAAAA', raisedBy: mere.id, raisedAt: now })
    expect((await repos().districts.listRaisedItems(planId)).map((r) => r.id)).toEqual(['raisedAAAAAAA', 'raisedBBBBBBB'])
    expect(
      await repos().districts.answerRaisedItem({
        id: 'raisedAAAAAAA',
        answer: 'Yes',
        status: 'answered',
        answeredBy: dee.id,
        answeredAt: now + 9,
      }),
    ).toBe(true)
    expect(
      await repos().districts.answerRaisedItem({
        id: 'raisedZZZZZZZ',
        answer: 'No',
        status: 'closed',
        answeredBy: dee.id,
        answeredAt: now,
      }),
    ).toBe(false)
    expect(await repos().districts.findRaisedItem('raisedAAAAAAA')).toEqual({
      ...item,
      id: 'raisedAAAAAAA',
      raisedBy: mere.id,
      raisedByName: 'Mere',
      raisedAt: now,
      status: 'answered',
      answer: 'Yes',
      answeredBy: dee.id,
      answeredByName: 'Dee',
      answeredAt: now + 9,
    })
    expect(await repos().districts.findRaisedItem('raisedZZZZZZZ')).toBeNull()
  })
})
