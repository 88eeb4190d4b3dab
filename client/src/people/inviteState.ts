import type { Invite } from '@hononga/shared'

export type InviteState = 'active' | 'expired' | 'revoked' | 'usedUp'

/** Whether an invite can still be used, and if not, why. */
export function inviteState(invite: Invite, now = Date.now()): InviteState {
  if (invite.revokedAt) return 'revoked'
  if (Date.parse(invite.expiresAt) <= now) return 'expired'
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'usedUp'
  return 'active'
}

/** Newest first. */
export function byNewest(invites: Invite[]): Invite[] {
  return [...invites].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}
