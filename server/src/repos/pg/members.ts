import { and, asc, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import type { InviteRow } from '../../db/invites'
import type { JoinCodeRow, JoinRequestRow } from '../../db/join-codes'
import type { MemberRow, Membership } from '../../db/members'
import { invites, joinCodes, joinRequests, members, users } from '../../db/pg/schema'
import type { InvitesRepo, JoinCodesRepo, MembersRepo } from '../types'
import type { PgExecutor } from './executor'

// PostgreSQL sorts text by the database's collation; SQLite compares bytes. `collate "C"` does as SQLite does.
const binary = (column: unknown) => sql`${column} collate "C"`

const membershipColumns = {
  planId: members.planId,
  userId: members.userId,
  role: members.role,
  affiliation: members.affiliation,
  organisation: members.organisation,
  speaksFor: members.speaksFor,
}

const memberRowColumns = { ...membershipColumns, name: users.name, email: users.email, joinedAt: members.joinedAt }

/** The members repository on PostgreSQL: mirrors db/members.ts. */
export function pgMembers(db: PgExecutor): MembersRepo {
  // Read on every request and socket join: prepared once per executor, like the SQLite queries.
  const prepareMembership = () =>
    db
      .select(membershipColumns)
      .from(members)
      .where(and(eq(members.planId, sql.placeholder('planId')), eq(members.userId, sql.placeholder('userId'))))
      .prepare('members_membership')
  const prepareMember = () =>
    db
      .select(memberRowColumns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.planId, sql.placeholder('planId')), eq(members.userId, sql.placeholder('userId'))))
      .prepare('members_member')
  let selectMembership: ReturnType<typeof prepareMembership> | undefined
  let selectMember: ReturnType<typeof prepareMember> | undefined

  return {
    async findMembership(planId, userId): Promise<Membership | null> {
      const [row] = await (selectMembership ??= prepareMembership()).execute({ planId, userId })
      return row ?? null
    },

    async findMember(planId, userId): Promise<MemberRow | null> {
      const [row] = await (selectMember ??= prepareMember()).execute({ planId, userId })
      return row ?? null
    },

    async listMembers(planId) {
      return db
        .select(memberRowColumns)
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(eq(members.planId, planId))
        .orderBy(asc(members.joinedAt), asc(binary(users.name)), asc(binary(members.userId)))
    },

    async insertMember(membership) {
      await db.insert(members).values({
        planId: membership.planId,
        userId: membership.userId,
        role: membership.role,
        affiliation: membership.affiliation,
        organisation: membership.organisation,
        speaksFor: membership.speaksFor ?? true,
        joinedAt: membership.now,
      })
    },

    async updateMember(planId, userId, change) {
      await db
        .update(members)
        .set(change)
        .where(and(eq(members.planId, planId), eq(members.userId, userId)))
    },

    async deleteMember(planId, userId) {
      await db.delete(members).where(and(eq(members.planId, planId), eq(members.userId, userId)))
    },

    async countFacilitators(planId) {
      // count(*) is a bigint, which node-postgres returns as a string.
      const [row] = await db
        .select({ count: sql<number>`count(*)`.mapWith(Number) })
        .from(members)
        .where(and(eq(members.planId, planId), eq(members.role, 'facilitator')))
      return row?.count ?? 0
    },
  }
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

/** The invites repository on PostgreSQL: mirrors db/invites.ts. */
export function pgInvites(db: PgExecutor): InvitesRepo {
  return {
    async insertInvite(invite) {
      await db.insert(invites).values({
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
    },

    async findInvite(code): Promise<InviteRow | null> {
      const [row] = await db
        .select(inviteColumns)
        .from(invites)
        .leftJoin(users, eq(users.id, invites.createdBy))
        .where(eq(invites.code, code))
      return row ?? null
    },

    async listInvites(planId) {
      return db
        .select(inviteColumns)
        .from(invites)
        .leftJoin(users, eq(users.id, invites.createdBy))
        .where(eq(invites.planId, planId))
        .orderBy(desc(invites.createdAt), asc(binary(invites.code)))
    },

    async revokeInvite(code, now) {
      const revoked = await db
        .update(invites)
        .set({ revokedAt: now })
        .where(and(eq(invites.code, code), isNull(invites.revokedAt)))
        .returning({ code: invites.code })
      return revoked.length > 0
    },

    async takeInviteUse(code) {
      // One conditional UPDATE: of two processes taking the last use at once, the second waits
      // for the first's row lock, re-checks the condition on the updated row and takes nothing.
      const taken = await db
        .update(invites)
        .set({ uses: sql`${invites.uses} + 1` })
        .where(and(eq(invites.code, code), or(isNull(invites.maxUses), lt(invites.uses, invites.maxUses))))
        .returning({ code: invites.code })
      return taken.length > 0
    },
  }
}

const joinCodeColumns = {
  id: joinCodes.id,
  planId: joinCodes.planId,
  huiId: joinCodes.huiId,
  createdAt: joinCodes.createdAt,
  expiresAt: joinCodes.expiresAt,
  stoppedAt: joinCodes.stoppedAt,
  maxUses: joinCodes.maxUses,
  uses: joinCodes.uses,
}

const joinRequestColumns = {
  id: joinRequests.id,
  planId: joinRequests.planId,
  userId: joinRequests.userId,
  name: users.name,
  email: users.email,
  affiliation: joinRequests.affiliation,
  organisation: joinRequests.organisation,
  status: joinRequests.status,
  createdAt: joinRequests.createdAt,
}

/** The join codes and join requests repository on PostgreSQL: mirrors db/join-codes.ts. */
export function pgJoinCodes(db: PgExecutor): JoinCodesRepo {
  return {
    async insertJoinCode(row) {
      await db.insert(joinCodes).values({
        id: row.id,
        planId: row.planId,
        codeHash: row.codeHash,
        huiId: row.huiId,
        createdBy: row.createdBy,
        createdAt: row.now,
        expiresAt: row.expiresAt,
        maxUses: row.maxUses,
      })
    },

    async findJoinCodeByHash(codeHash): Promise<JoinCodeRow | null> {
      const [row] = await db.select(joinCodeColumns).from(joinCodes).where(eq(joinCodes.codeHash, codeHash))
      return row ?? null
    },

    async findShownJoinCode(planId, now) {
      // SQLite takes the last by creation time, later insertions last among equal times; PostgreSQL
      // keeps no insertion order, so equal times (never two in one millisecond in practice) fall to the id.
      const [row] = await db
        .select(joinCodeColumns)
        .from(joinCodes)
        .where(and(eq(joinCodes.planId, planId), isNull(joinCodes.stoppedAt), gt(joinCodes.expiresAt, now)))
        .orderBy(desc(joinCodes.createdAt), desc(binary(joinCodes.id)))
        .limit(1)
      return row ?? null
    },

    async stopJoinCodes(planId, now, codeHash) {
      // One UPDATE ... RETURNING (SQLite selects, then updates): two processes stopping at once
      // cannot both report the same code. The rows come back as they were before, not stopped,
      // as SQLite's do, in creation order (SQLite's insertion order).
      const stopped = await db
        .update(joinCodes)
        .set({ stoppedAt: now })
        .where(
          and(
            eq(joinCodes.planId, planId),
            isNull(joinCodes.stoppedAt),
            codeHash === undefined ? undefined : eq(joinCodes.codeHash, codeHash),
          ),
        )
        .returning(joinCodeColumns)
      return stopped
        .filter((code) => code.expiresAt > now)
        .map((code) => ({ ...code, stoppedAt: null }))
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },

    async takeJoinCodeUse(codeId) {
      // One conditional UPDATE, as for invites: two processes cannot both take the last use.
      const taken = await db
        .update(joinCodes)
        .set({ uses: sql`${joinCodes.uses} + 1` })
        .where(and(eq(joinCodes.id, codeId), lt(joinCodes.uses, joinCodes.maxUses)))
        .returning({ id: joinCodes.id })
      return taken.length > 0
    },

    async insertJoinRequest(row) {
      await db.insert(joinRequests).values({
        id: row.id,
        planId: row.planId,
        userId: row.userId,
        joinCodeId: row.joinCodeId,
        affiliation: row.affiliation,
        organisation: row.organisation,
        status: 'pending',
        createdAt: row.now,
      })
    },

    async findJoinRequest(requestId): Promise<JoinRequestRow | null> {
      const [row] = await db
        .select(joinRequestColumns)
        .from(joinRequests)
        .innerJoin(users, eq(users.id, joinRequests.userId))
        .where(eq(joinRequests.id, requestId))
      return row ?? null
    },

    async findPendingJoinRequest(planId, userId) {
      const [row] = await db
        .select(joinRequestColumns)
        .from(joinRequests)
        .innerJoin(users, eq(users.id, joinRequests.userId))
        .where(and(eq(joinRequests.planId, planId), eq(joinRequests.userId, userId), eq(joinRequests.status, 'pending')))
        // SQLite's first row is the first inserted; the oldest here.
        .orderBy(asc(joinRequests.createdAt), asc(binary(joinRequests.id)))
        .limit(1)
      return row ?? null
    },

    async listPendingJoinRequests(planId) {
      return db
        .select(joinRequestColumns)
        .from(joinRequests)
        .innerJoin(users, eq(users.id, joinRequests.userId))
        .where(and(eq(joinRequests.planId, planId), eq(joinRequests.status, 'pending')))
        .orderBy(asc(joinRequests.createdAt), asc(binary(joinRequests.id)))
    },

    async decideJoinRequest(requestId, decision) {
      const decided = await db
        .update(joinRequests)
        .set({ status: decision.status, decidedBy: decision.by, decidedAt: decision.now })
        .where(and(eq(joinRequests.id, requestId), eq(joinRequests.status, 'pending')))
        .returning({ id: joinRequests.id })
      return decided.length > 0
    },
  }
}
