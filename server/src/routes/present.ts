import type { AuditEvent, AuditEventType, Invite, Member, PlanSummary } from '@hononga/shared'
import type { AuditRow } from '../db/audit'
import type { InviteRow } from '../db/invites'
import type { MemberRow } from '../db/members'
import type { PlanForMember } from '../db/plans'

/**
 * Turns store rows (times in epoch milliseconds) into the response shapes of the HTTP
 * contract in `@hononga/shared` (times as ISO strings).
 */

export const iso = (ms: number): string => new Date(ms).toISOString()

export function toPlanSummary(plan: PlanForMember, activeCount: number): PlanSummary {
  return {
    id: plan.id,
    title: plan.title,
    community: plan.community,
    district: plan.district,
    role: plan.role,
    affiliation: plan.affiliation,
    organisation: plan.organisation,
    speaksFor: plan.speaksFor,
    createdAt: iso(plan.createdAt),
    updatedAt: iso(plan.updatedAt),
    memberCount: plan.memberCount,
    activeCount,
    archivedAt: plan.archivedAt === null ? null : iso(plan.archivedAt),
    deletedAt: plan.deletedAt === null ? null : iso(plan.deletedAt),
    purgeAt: plan.purgeAt === null ? null : iso(plan.purgeAt),
  }
}

export function toMember(member: MemberRow): Member {
  return {
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    affiliation: member.affiliation,
    organisation: member.organisation,
    speaksFor: member.speaksFor,
    joinedAt: iso(member.joinedAt),
  }
}

export function toInvite(invite: InviteRow, url: string): Invite {
  return {
    code: invite.code,
    url,
    planId: invite.planId,
    role: invite.role,
    affiliation: invite.affiliation,
    organisation: invite.organisation,
    speaksFor: invite.speaksFor,
    createdAt: iso(invite.createdAt),
    expiresAt: iso(invite.expiresAt),
    revokedAt: invite.revokedAt === null ? null : iso(invite.revokedAt),
    maxUses: invite.maxUses,
    uses: invite.uses,
  }
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    event: row.event as AuditEventType,
    actor: row.actorId === null ? null : { id: row.actorId, name: row.actorName ?? '' },
    details: parseDetails(row.details),
    createdAt: iso(row.createdAt),
  }
}
