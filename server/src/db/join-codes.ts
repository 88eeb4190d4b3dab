import crypto from 'node:crypto'
import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type Affiliation, type JoinRequestStatusName } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { joinCodes, joinRequests, users } from './schema'

/** A join code as stored: never the code itself, only its hash. */
export interface JoinCodeRow {
  id: string
  planId: string
  huiId: string
  createdAt: number
  expiresAt: number
  stoppedAt: number | null
  maxUses: number
  uses: number
}

/**
 * A new join code: JOIN_CODE_LENGTH characters of JOIN_CODE_ALPHABET, each drawn uniformly
 * (crypto.randomInt, no modulo bias).
 */
export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) code += JOIN_CODE_ALPHABET[crypto.randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}

/** What the database keeps of a (normalised) join code: its SHA-256, so a copy of the database lets nobody in. */
export function hashJoinCode(code: string): string {
  return crypto.createHash('sha256').update(`join:${code}`).digest('hex')
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

export function insertJoinCode(
  db: DbExecutor,
  row: { id: string; planId: string; codeHash: string; huiId: string; createdBy: string; now: number; expiresAt: number; maxUses: number },
): void {
  db.insert(joinCodes)
    .values({
      id: row.id,
      planId: row.planId,
      codeHash: row.codeHash,
      huiId: row.huiId,
      createdBy: row.createdBy,
      createdAt: row.now,
      expiresAt: row.expiresAt,
      maxUses: row.maxUses,
    })
    .run()
}

export function findJoinCodeByHash(db: DbExecutor, codeHash: string): JoinCodeRow | null {
  return db.select(joinCodeColumns).from(joinCodes).where(eq(joinCodes.codeHash, codeHash)).get() ?? null
}

/** Whether a code still lets people ask to join (the hui is checked separately): not stopped, expired or used up. */
export function isJoinCodeLive(code: JoinCodeRow, now: number): boolean {
  return code.stoppedAt === null && code.expiresAt > now && code.uses < code.maxUses
}

/** The plan's code being shown (not stopped or expired), newest first; used-up codes count as shown until stopped. */
export function findShownJoinCode(db: DbExecutor, planId: string, now: number): JoinCodeRow | null {
  return (
    db
      .select(joinCodeColumns)
      .from(joinCodes)
      .where(and(eq(joinCodes.planId, planId), isNull(joinCodes.stoppedAt), gt(joinCodes.expiresAt, now)))
      .orderBy(asc(joinCodes.createdAt))
      .all()
      .at(-1) ?? null
  )
}

/** Stops the plan's codes still shown (only the one with `codeHash` when given); returns those stopped. */
export function stopJoinCodes(db: DbExecutor, planId: string, now: number, codeHash?: string): JoinCodeRow[] {
  const which = and(
    eq(joinCodes.planId, planId),
    isNull(joinCodes.stoppedAt),
    codeHash === undefined ? undefined : eq(joinCodes.codeHash, codeHash),
  )
  const shown = db.select(joinCodeColumns).from(joinCodes).where(which).all()
  if (shown.length > 0) db.update(joinCodes).set({ stoppedAt: now }).where(which).run()
  return shown.filter((code) => code.expiresAt > now)
}

/** Counts one use of a code if it has one left (a conditional UPDATE: two people taking the last use cannot both get it). */
export function takeJoinCodeUse(db: DbExecutor, codeId: string): boolean {
  const result = db
    .update(joinCodes)
    .set({ uses: sql`${joinCodes.uses} + 1` })
    .where(and(eq(joinCodes.id, codeId), lt(joinCodes.uses, joinCodes.maxUses)))
    .run()
  return result.changes > 0
}

/** A request to join, with the requester's name and email as facilitators see them. */
export interface JoinRequestRow {
  id: string
  planId: string
  userId: string
  name: string
  email: string
  affiliation: Affiliation | null
  organisation: string | null
  status: JoinRequestStatusName
  createdAt: number
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

export function insertJoinRequest(
  db: DbExecutor,
  row: {
    id: string
    planId: string
    userId: string
    joinCodeId: string
    affiliation: Affiliation | null
    organisation: string | null
    now: number
  },
): void {
  db.insert(joinRequests)
    .values({
      id: row.id,
      planId: row.planId,
      userId: row.userId,
      joinCodeId: row.joinCodeId,
      affiliation: row.affiliation,
      organisation: row.organisation,
      status: 'pending',
      createdAt: row.now,
    })
    .run()
}

export function findJoinRequest(db: DbExecutor, requestId: string): JoinRequestRow | null {
  return (
    db
      .select(joinRequestColumns)
      .from(joinRequests)
      .innerJoin(users, eq(users.id, joinRequests.userId))
      .where(eq(joinRequests.id, requestId))
      .get() ?? null
  )
}

/** The person's pending request to join the plan, if they have one (asking twice gives the same request). */
export function findPendingJoinRequest(db: DbExecutor, planId: string, userId: string): JoinRequestRow | null {
  return (
    db
      .select(joinRequestColumns)
      .from(joinRequests)
      .innerJoin(users, eq(users.id, joinRequests.userId))
      .where(and(eq(joinRequests.planId, planId), eq(joinRequests.userId, userId), eq(joinRequests.status, 'pending')))
      .get() ?? null
  )
}

/** A plan's pending requests, oldest first (the order people asked in). */
export function listPendingJoinRequests(db: DbExecutor, planId: string): JoinRequestRow[] {
  return db
    .select(joinRequestColumns)
    .from(joinRequests)
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .where(and(eq(joinRequests.planId, planId), eq(joinRequests.status, 'pending')))
    .orderBy(asc(joinRequests.createdAt), asc(joinRequests.id))
    .all()
}

/** Settles a pending request; false when it was no longer pending (someone else decided first). */
export function decideJoinRequest(
  db: DbExecutor,
  requestId: string,
  decision: { status: 'admitted' | 'declined'; by: string; now: number },
): boolean {
  const result = db
    .update(joinRequests)
    .set({ status: decision.status, decidedBy: decision.by, decidedAt: decision.now })
    .where(and(eq(joinRequests.id, requestId), eq(joinRequests.status, 'pending')))
    .run()
  return result.changes > 0
}
