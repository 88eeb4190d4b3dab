import crypto from 'node:crypto'
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm'
import type { Affiliation, Role } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { invites, users } from './schema'

export interface InviteRow {
  code: string
  planId: string
  role: Role
  affiliation: Affiliation
  organisation: string | null
  /** Whoever accepts it speaks for their partner. */
  speaksFor: boolean
  createdBy: string | null
  createdByName: string | null
  createdAt: number
  expiresAt: number
  revokedAt: number | null
  maxUses: number | null
  uses: number
}

/** Invite codes: 16 random bytes, base64url (22 characters); they travel in links. */
export function newInviteCode(): string {
  return crypto.randomBytes(16).toString('base64url')
}

const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/

export function isWellFormedInviteCode(code: string | undefined): code is string {
  return code !== undefined && INVITE_CODE_PATTERN.test(code)
}

/** The part of a code safe to show in the audit log: enough to tell invites apart, useless to join with. */
export function inviteCodePrefix(code: string): string {
  return code.slice(0, 6)
}

const inviteColumns = {
  code: invites.code,
  planId: invites.planId,
  role: invites.role,
  affiliation: invites.affiliation,
  organisation: invites.organisation,
  speaksFor: invites.speaksFor,
  createdBy: invites.createdBy,
  createdByName: users.name,
  createdAt: invites.createdAt,
  expiresAt: invites.expiresAt,
  revokedAt: invites.revokedAt,
  maxUses: invites.maxUses,
  uses: invites.uses,
}

export function insertInvite(
  db: DbExecutor,
  invite: {
    code: string
    planId: string
    role: Role
    affiliation: Affiliation
    organisation: string | null
    speaksFor: boolean
    createdBy: string
    now: number
    expiresAt: number
    maxUses: number | null
  },
): void {
  db.insert(invites)
    .values({
      code: invite.code,
      planId: invite.planId,
      role: invite.role,
      affiliation: invite.affiliation,
      organisation: invite.organisation,
      speaksFor: invite.speaksFor,
      createdBy: invite.createdBy,
      createdAt: invite.now,
      expiresAt: invite.expiresAt,
      maxUses: invite.maxUses,
    })
    .run()
}

export function findInvite(db: DbExecutor, code: string): InviteRow | null {
  return db.select(inviteColumns).from(invites).leftJoin(users, eq(users.id, invites.createdBy)).where(eq(invites.code, code)).get() ?? null
}

/** A plan's invites, newest first, including revoked and expired ones (facilitators see the history). */
export function listInvites(db: DbExecutor, planId: string): InviteRow[] {
  return db
    .select(inviteColumns)
    .from(invites)
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(eq(invites.planId, planId))
    .orderBy(desc(invites.createdAt))
    .all()
}

/** Marks an invite revoked; false when it was already revoked. */
export function revokeInvite(db: DbExecutor, code: string, now: number): boolean {
  const result = db
    .update(invites)
    .set({ revokedAt: now })
    .where(and(eq(invites.code, code), isNull(invites.revokedAt)))
    .run()
  return result.changes > 0
}

/**
 * Counts one use of an invite if it still has one left. A conditional UPDATE, so two people
 * accepting the last use at once cannot both get in. False when it was used up.
 */
export function takeInviteUse(db: DbExecutor, code: string): boolean {
  const result = db
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(and(eq(invites.code, code), or(isNull(invites.maxUses), lt(invites.uses, invites.maxUses))))
    .run()
  return result.changes > 0
}

/** Why an invite can no longer be used, or null while it can. Revocation wins over expiry. */
export function inviteUnusableReason(invite: InviteRow, now: number): 'revoked' | 'expired' | 'used_up' | null {
  if (invite.revokedAt !== null) return 'revoked'
  if (invite.expiresAt <= now) return 'expired'
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used_up'
  return null
}
