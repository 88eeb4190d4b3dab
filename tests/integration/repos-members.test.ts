import { expect, it } from 'vitest'
import { isUniqueViolation } from '../../server/src/db/executor'
import { inviteUnusableReason, newInviteCode } from '../../server/src/db/invites'
import { hashJoinCode, isJoinCodeLive, newJoinCode } from '../../server/src/db/join-codes'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * The members, invites and join-code repositories, on SQLite and on PostgreSQL with the same
 * assertions: what the member, invite and join routes rely on (listing order, the last
 * facilitator, invite use limits and revocation, codes shown, stopped and used, requests
 * pending and decided), and that a last use goes to exactly one of two simultaneous takers.
 */

const now = 1_750_000_000_000
const DAY = 24 * 3600_000
const PLAN = 'planAAAAAAAA'
const OTHER_PLAN = 'planBBBBBBBB'

async function user(repos: Repos, name: string) {
  return repos.users.insertUser({ email: `${name.toLowerCase()}@example.nz`, name, passwordHash: 'x', now })
}

/** A facilitator and their two plans. */
async function setUp(repos: Repos) {
  const facilitator = await user(repos, 'Kaiārahi')
  for (const id of [PLAN, OTHER_PLAN]) {
    await repos.plans.insertPlan({ id, title: 'Mahere', community: 'Kaitāia', district: null, createdBy: facilitator.id, now })
  }
  return facilitator
}

function invite(createdBy: string, overrides: Partial<Parameters<Repos['invites']['insertInvite']>[0]> = {}) {
  return {
    code: newInviteCode(),
    planId: PLAN,
    role: 'editor' as const,
    affiliation: 'agency' as const,
    organisation: 'MSD',
    speaksFor: true,
    createdBy,
    now,
    expiresAt: now + 7 * DAY,
    maxUses: null,
    ...overrides,
  }
}

describeRepos('members', (repos) => {
  it('adds a member and finds their membership, with their name and email', async () => {
    const facilitator = await setUp(repos())
    await repos().members.insertMember({
      planId: PLAN,
      userId: facilitator.id,
      role: 'facilitator',
      affiliation: 'iwi',
      organisation: 'Te Rarawa',
      now,
    })
    const membership = {
      planId: PLAN,
      userId: facilitator.id,
      role: 'facilitator',
      affiliation: 'iwi',
      organisation: 'Te Rarawa',
      speaksFor: true,
    }
    expect(await repos().members.findMembership(PLAN, facilitator.id)).toEqual(membership)
    expect(await repos().members.findMember(PLAN, facilitator.id)).toEqual({
      ...membership,
      name: 'Kaiārahi',
      email: 'kaiārahi@example.nz',
      joinedAt: now,
    })
    // Not a member of the other plan; nobody by an unknown id.
    expect(await repos().members.findMembership(OTHER_PLAN, facilitator.id)).toBeNull()
    expect(await repos().members.findMember(OTHER_PLAN, facilitator.id)).toBeNull()
    expect(await repos().members.findMembership(PLAN, 'unknownAAAAA')).toBeNull()

    const viewer = await user(repos(), 'Mātakitaki')
    await repos().members.insertMember({
      planId: PLAN,
      userId: viewer.id,
      role: 'viewer',
      affiliation: 'police',
      organisation: null,
      speaksFor: false,
      now,
    })
    expect(await repos().members.findMembership(PLAN, viewer.id)).toMatchObject({ role: 'viewer', organisation: null, speaksFor: false })
  })

  it('throws a unique violation for someone already a member, leaving the membership as it was', async () => {
    const facilitator = await setUp(repos())
    const row = { planId: PLAN, userId: facilitator.id, role: 'facilitator' as const, affiliation: 'iwi' as const, organisation: null, now }
    await repos().members.insertMember(row)
    const error = await repos()
      .members.insertMember({ ...row, role: 'viewer' })
      .catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
    expect((await repos().members.findMembership(PLAN, facilitator.id))?.role).toBe('facilitator')
  })

  it('lists a plan’s members in the order they joined, then by name (byte order)', async () => {
    await setUp(repos())
    const names = ['Ōrini', 'aroha', 'Wiremu', 'Hēmi', 'Ani']
    const joined = [now + 2, now + 1, now + 1, now + 1, now + 3]
    for (const [i, name] of names.entries()) {
      const person = await user(repos(), name)
      await repos().members.insertMember({
        planId: PLAN,
        userId: person.id,
        role: 'editor',
        affiliation: 'community',
        organisation: null,
        now: joined[i]!,
      })
    }
    const members = await repos().members.listMembers(PLAN)
    expect(members.map((m) => m.name)).toEqual(['Hēmi', 'Wiremu', 'aroha', 'Ōrini', 'Ani'])
    expect(members.map((m) => m.joinedAt)).toEqual([now + 1, now + 1, now + 1, now + 2, now + 3])
    expect(await repos().members.listMembers(OTHER_PLAN)).toEqual([])
  })

  it('changes and removes a member, counting facilitators as they go', async () => {
    const facilitator = await setUp(repos())
    const second = await user(repos(), 'Tuarua')
    expect(await repos().members.countFacilitators(PLAN)).toBe(0)
    await repos().members.insertMember({
      planId: PLAN,
      userId: facilitator.id,
      role: 'facilitator',
      affiliation: 'iwi',
      organisation: null,
      now,
    })
    await repos().members.insertMember({ planId: PLAN, userId: second.id, role: 'editor', affiliation: 'agency', organisation: 'MSD', now })
    await repos().members.insertMember({
      planId: OTHER_PLAN,
      userId: second.id,
      role: 'facilitator',
      affiliation: 'agency',
      organisation: null,
      now,
    })
    expect(await repos().members.countFacilitators(PLAN)).toBe(1)

    await repos().members.updateMember(PLAN, second.id, {
      role: 'facilitator',
      affiliation: 'community',
      organisation: null,
      speaksFor: false,
    })
    expect(await repos().members.findMembership(PLAN, second.id)).toEqual({
      planId: PLAN,
      userId: second.id,
      role: 'facilitator',
      affiliation: 'community',
      organisation: null,
      speaksFor: false,
    })
    expect(await repos().members.countFacilitators(PLAN)).toBe(2)
    // Only that plan's membership changed.
    expect(await repos().members.findMembership(OTHER_PLAN, second.id)).toMatchObject({ affiliation: 'agency' })

    await repos().members.updateMember(PLAN, facilitator.id, { role: 'editor', affiliation: 'iwi', organisation: null, speaksFor: true })
    expect(await repos().members.countFacilitators(PLAN)).toBe(1)
    await repos().members.deleteMember(PLAN, second.id)
    expect(await repos().members.countFacilitators(PLAN)).toBe(0)
    expect(await repos().members.findMember(PLAN, second.id)).toBeNull()
    expect((await repos().members.listMembers(PLAN)).map((m) => m.userId)).toEqual([facilitator.id])
    expect(await repos().members.findMembership(OTHER_PLAN, second.id)).not.toBeNull()
    // Removing someone who is not a member does nothing.
    await repos().members.deleteMember(PLAN, second.id)
    expect(await repos().members.countFacilitators(OTHER_PLAN)).toBe(1)
  })
})

describeRepos('invites', (repos) => {
  it('stores an invite and finds it with its maker’s name', async () => {
    const facilitator = await setUp(repos())
    const row = invite(facilitator.id, { maxUses: 3, speaksFor: false })
    await repos().invites.insertInvite(row)
    expect(await repos().invites.findInvite(row.code)).toEqual({
      code: row.code,
      planId: PLAN,
      role: 'editor',
      affiliation: 'agency',
      organisation: 'MSD',
      speaksFor: false,
      createdBy: facilitator.id,
      createdByName: 'Kaiārahi',
      createdAt: now,
      expiresAt: now + 7 * DAY,
      revokedAt: null,
      maxUses: 3,
      uses: 0,
    })
    expect(await repos().invites.findInvite(newInviteCode())).toBeNull()
    const error = await repos()
      .invites.insertInvite({ ...row, planId: OTHER_PLAN })
      .catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
  })

  it('lists a plan’s invites newest first, revoked and expired ones included', async () => {
    const facilitator = await setUp(repos())
    const older = invite(facilitator.id, { now: now - 8 * DAY, expiresAt: now - DAY })
    const newest = invite(facilitator.id, { now: now + 2 })
    const revoked = invite(facilitator.id, { now: now + 1 })
    for (const row of [older, newest, revoked, invite(facilitator.id, { planId: OTHER_PLAN })]) await repos().invites.insertInvite(row)
    expect(await repos().invites.revokeInvite(revoked.code, now + 3)).toBe(true)

    const listed = await repos().invites.listInvites(PLAN)
    expect(listed.map((row) => row.code)).toEqual([newest.code, revoked.code, older.code])
    expect(listed.map((row) => inviteUnusableReason(row, now + 4))).toEqual([null, 'revoked', 'expired'])
    expect(await repos().invites.listInvites('planUNKNOWN1')).toEqual([])
  })

  it('revokes once; revocation wins over expiry', async () => {
    const facilitator = await setUp(repos())
    const row = invite(facilitator.id)
    await repos().invites.insertInvite(row)
    expect(await repos().invites.revokeInvite(row.code, now + 1)).toBe(true)
    expect(await repos().invites.revokeInvite(row.code, now + 2)).toBe(false)
    expect(await repos().invites.revokeInvite(newInviteCode(), now + 2)).toBe(false)
    const found = (await repos().invites.findInvite(row.code))!
    expect(found.revokedAt).toBe(now + 1)
    expect(inviteUnusableReason(found, now + 8 * DAY)).toBe('revoked')
  })

  it('counts uses up to the limit, and without one when there is none', async () => {
    const facilitator = await setUp(repos())
    const limited = invite(facilitator.id, { maxUses: 2 })
    const open = invite(facilitator.id)
    await repos().invites.insertInvite(limited)
    await repos().invites.insertInvite(open)
    expect(await repos().invites.takeInviteUse(limited.code)).toBe(true)
    expect(inviteUnusableReason((await repos().invites.findInvite(limited.code))!, now)).toBeNull()
    expect(await repos().invites.takeInviteUse(limited.code)).toBe(true)
    expect(await repos().invites.takeInviteUse(limited.code)).toBe(false)
    const usedUp = (await repos().invites.findInvite(limited.code))!
    expect(usedUp.uses).toBe(2)
    expect(inviteUnusableReason(usedUp, now)).toBe('used_up')

    for (let i = 0; i < 5; i++) expect(await repos().invites.takeInviteUse(open.code)).toBe(true)
    expect((await repos().invites.findInvite(open.code))?.uses).toBe(5)
    expect(await repos().invites.takeInviteUse(newInviteCode())).toBe(false)
  })

  it('gives the last use to exactly one of two people taking it at once', async () => {
    const facilitator = await setUp(repos())
    // Several rounds, each on a fresh invite with one use left, taken twice in parallel: on
    // PostgreSQL on two pooled connections, opened beforehand so that the two calls really overlap.
    await Promise.all(Array.from({ length: 4 }, () => repos().invites.findInvite(newInviteCode())))
    for (let round = 0; round < 5; round++) {
      const row = invite(facilitator.id, { maxUses: 2 })
      await repos().invites.insertInvite(row)
      expect(await repos().invites.takeInviteUse(row.code)).toBe(true)
      const taken = await Promise.all([repos().invites.takeInviteUse(row.code), repos().invites.takeInviteUse(row.code)])
      expect(taken.filter(Boolean)).toHaveLength(1)
      expect((await repos().invites.findInvite(row.code))?.uses).toBe(2)
    }

    // And many at once for a few uses.
    const crowd = invite(facilitator.id, { maxUses: 3 })
    await repos().invites.insertInvite(crowd)
    const results = await Promise.all(Array.from({ length: 12 }, () => repos().invites.takeInviteUse(crowd.code)))
    expect(results.filter(Boolean)).toHaveLength(3)
    expect((await repos().invites.findInvite(crowd.code))?.uses).toBe(3)
  })
})

describeRepos('join codes', (repos) => {
  async function code(createdBy: string, overrides: Partial<Parameters<Repos['joinCodes']['insertJoinCode']>[0]> = {}) {
    const typed = newJoinCode()
    const row = {
      id: `code${Math.random().toString(36).slice(2, 10)}`,
      planId: PLAN,
      codeHash: hashJoinCode(typed),
      huiId: 'hui1',
      createdBy,
      now,
      expiresAt: now + 4 * 3600_000,
      maxUses: 50,
      ...overrides,
    }
    await repos().joinCodes.insertJoinCode(row)
    return row
  }

  it('stores only the hash, and finds a code by it', async () => {
    const facilitator = await setUp(repos())
    const row = await code(facilitator.id, { maxUses: 2 })
    const found = await repos().joinCodes.findJoinCodeByHash(row.codeHash)
    expect(found).toEqual({
      id: row.id,
      planId: PLAN,
      huiId: 'hui1',
      createdAt: now,
      expiresAt: now + 4 * 3600_000,
      stoppedAt: null,
      maxUses: 2,
      uses: 0,
    })
    expect(isJoinCodeLive(found!, now)).toBe(true)
    expect(isJoinCodeLive(found!, now + 4 * 3600_000)).toBe(false)
    expect(await repos().joinCodes.findJoinCodeByHash(hashJoinCode(newJoinCode()))).toBeNull()
    const error = await code(facilitator.id, { codeHash: row.codeHash }).catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
  })

  it('shows the newest code not stopped or expired, used up or not', async () => {
    const facilitator = await setUp(repos())
    expect(await repos().joinCodes.findShownJoinCode(PLAN, now)).toBeNull()
    const first = await code(facilitator.id, { now, maxUses: 1 })
    const second = await code(facilitator.id, { now: now + 1, maxUses: 1 })
    await code(facilitator.id, { now: now + 2, planId: OTHER_PLAN })
    expect((await repos().joinCodes.findShownJoinCode(PLAN, now + 2))?.id).toBe(second.id)

    expect(await repos().joinCodes.takeJoinCodeUse(second.id)).toBe(true)
    const usedUp = await repos().joinCodes.findShownJoinCode(PLAN, now + 2)
    expect(usedUp).toMatchObject({ id: second.id, uses: 1 })
    expect(isJoinCodeLive(usedUp!, now + 2)).toBe(false)

    await repos().joinCodes.stopJoinCodes(PLAN, now + 3, second.codeHash)
    expect((await repos().joinCodes.findShownJoinCode(PLAN, now + 3))?.id).toBe(first.id)
    // Expired: no longer shown.
    expect(await repos().joinCodes.findShownJoinCode(PLAN, first.expiresAt)).toBeNull()
  })

  it('stops the codes shown (or one), returning those that had not expired, as they were', async () => {
    const facilitator = await setUp(repos())
    const expired = await code(facilitator.id, { now: now - DAY, expiresAt: now - 1 })
    const older = await code(facilitator.id, { id: 'codeZZZZZZZZ', now: now + 1 })
    const newer = await code(facilitator.id, { id: 'codeAAAAAAAA', now: now + 2 })
    const other = await code(facilitator.id, { planId: OTHER_PLAN })

    const one = await repos().joinCodes.stopJoinCodes(PLAN, now + 3, newer.codeHash)
    expect(one).toEqual([{ ...(await repos().joinCodes.findJoinCodeByHash(newer.codeHash)), stoppedAt: null }])
    expect((await repos().joinCodes.findJoinCodeByHash(newer.codeHash))?.stoppedAt).toBe(now + 3)

    await code(facilitator.id, { id: 'codeMMMMMMMM', now: now + 4 })
    const stopped = await repos().joinCodes.stopJoinCodes(PLAN, now + 5)
    expect(stopped.map((row) => row.id)).toEqual([older.id, 'codeMMMMMMMM'])
    expect(stopped.every((row) => row.stoppedAt === null)).toBe(true)
    // The expired one was stopped too, but not reported; the other plan's code is untouched.
    expect((await repos().joinCodes.findJoinCodeByHash(expired.codeHash))?.stoppedAt).toBe(now + 5)
    expect((await repos().joinCodes.findJoinCodeByHash(other.codeHash))?.stoppedAt).toBeNull()
    expect(await repos().joinCodes.stopJoinCodes(PLAN, now + 6)).toEqual([])
    expect(await repos().joinCodes.findShownJoinCode(PLAN, now + 6)).toBeNull()
  })

  it('counts uses up to the limit, the last to exactly one of two at once', async () => {
    const facilitator = await setUp(repos())
    const row = await code(facilitator.id, { maxUses: 2 })
    expect(await repos().joinCodes.takeJoinCodeUse(row.id)).toBe(true)
    // Connections opened beforehand, so that on PostgreSQL the two calls really overlap.
    await Promise.all(Array.from({ length: 4 }, () => repos().joinCodes.findJoinCodeByHash(row.codeHash)))
    const taken = await Promise.all([repos().joinCodes.takeJoinCodeUse(row.id), repos().joinCodes.takeJoinCodeUse(row.id)])
    expect(taken.filter(Boolean)).toHaveLength(1)
    expect(await repos().joinCodes.takeJoinCodeUse(row.id)).toBe(false)
    expect((await repos().joinCodes.findJoinCodeByHash(row.codeHash))?.uses).toBe(2)
    expect(await repos().joinCodes.takeJoinCodeUse('codeUNKNOWN1')).toBe(false)

    const crowd = await code(facilitator.id, { maxUses: 4 })
    const results = await Promise.all(Array.from({ length: 12 }, () => repos().joinCodes.takeJoinCodeUse(crowd.id)))
    expect(results.filter(Boolean)).toHaveLength(4)
  })

  it('keeps requests to join pending, oldest first, until one decision settles each', async () => {
    const facilitator = await setUp(repos())
    const joinCode = await code(facilitator.id)
    const hemi = await user(repos(), 'Hēmi')
    const ani = await user(repos(), 'Ani')
    const request = (id: string, userId: string, at: number, planId = PLAN) =>
      repos().joinCodes.insertJoinRequest({
        id,
        planId,
        userId,
        joinCodeId: joinCode.id,
        affiliation: userId === hemi.id ? 'iwi' : null,
        organisation: userId === hemi.id ? 'Te Rarawa' : null,
        now: at,
      })
    await request('requestBBBBB', ani.id, now + 1)
    await request('requestZZZZZ', hemi.id, now)
    await request('requestAAAAA', facilitator.id, now + 1)
    await request('requestOTHER', hemi.id, now, OTHER_PLAN)

    const hemiRequest = {
      id: 'requestZZZZZ',
      planId: PLAN,
      userId: hemi.id,
      name: 'Hēmi',
      email: 'hēmi@example.nz',
      affiliation: 'iwi',
      organisation: 'Te Rarawa',
      status: 'pending',
      createdAt: now,
    }
    expect(await repos().joinCodes.findJoinRequest('requestZZZZZ')).toEqual(hemiRequest)
    expect(await repos().joinCodes.findJoinRequest('requestNONE1')).toBeNull()
    expect(await repos().joinCodes.findPendingJoinRequest(PLAN, hemi.id)).toEqual(hemiRequest)
    const pending = await repos().joinCodes.listPendingJoinRequests(PLAN)
    expect(pending.map((row) => row.id)).toEqual(['requestZZZZZ', 'requestAAAAA', 'requestBBBBB'])
    expect(pending[2]).toMatchObject({ name: 'Ani', affiliation: null, organisation: null })

    const decision = { status: 'admitted' as const, by: facilitator.id, now: now + 2 }
    expect(await repos().joinCodes.decideJoinRequest('requestZZZZZ', decision)).toBe(true)
    expect(await repos().joinCodes.decideJoinRequest('requestZZZZZ', { ...decision, status: 'declined' })).toBe(false)
    expect(await repos().joinCodes.decideJoinRequest('requestNONE1', decision)).toBe(false)
    expect(await repos().joinCodes.findJoinRequest('requestZZZZZ')).toMatchObject({ status: 'admitted' })
    expect(await repos().joinCodes.findPendingJoinRequest(PLAN, hemi.id)).toBeNull()
    // Their request to the other plan is still pending.
    expect(await repos().joinCodes.findPendingJoinRequest(OTHER_PLAN, hemi.id)).toMatchObject({ id: 'requestOTHER' })
    expect(await repos().joinCodes.decideJoinRequest('requestBBBBB', { ...decision, status: 'declined' })).toBe(true)
    expect((await repos().joinCodes.listPendingJoinRequests(PLAN)).map((row) => row.id)).toEqual(['requestAAAAA'])

    const error = await request('requestAAAAA', ani.id, now + 3).catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
  })
})
