import type { Invite } from '@hononga/shared'
import { describe, expect, it } from 'vitest'
import { inviteState } from './inviteState'

const now = Date.parse('2026-05-01T00:00:00.000Z')
const invite = (changes: Partial<Invite>): Invite => ({
  code: 'c',
  url: 'http://localhost/invite/c',
  planId: 'p',
  role: 'editor',
  affiliation: 'iwi',
  organisation: null,
  speaksFor: true,
  createdAt: '2026-04-30T00:00:00.000Z',
  expiresAt: '2026-05-07T00:00:00.000Z',
  revokedAt: null,
  maxUses: null,
  uses: 0,
  ...changes,
})

describe('inviteState', () => {
  it('says whether an invite still works, and if not why', () => {
    expect(inviteState(invite({}), now)).toBe('active')
    expect(inviteState(invite({ revokedAt: '2026-04-30T01:00:00.000Z' }), now)).toBe('revoked')
    expect(inviteState(invite({ expiresAt: '2026-04-30T12:00:00.000Z' }), now)).toBe('expired')
    expect(inviteState(invite({ maxUses: 2, uses: 2 }), now)).toBe('usedUp')
    expect(inviteState(invite({ maxUses: 2, uses: 1 }), now)).toBe('active')
  })
})
