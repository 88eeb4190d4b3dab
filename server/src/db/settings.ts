import { and, asc, eq } from 'drizzle-orm'
import type { DbExecutor } from './executor'
import { newId } from './ids'
import { instanceSettings, oidcIdentities, ssoDomains, users } from './schema'
import type { SessionUser } from './users'

/**
 * Installation-wide settings (the instance secret), organisation sign-in identities (OIDC
 * `iss` + `sub` linked to an account) and the email domains that must sign in through their
 * organisation (issue 14). SQLite reference; repos/pg/settings.ts mirrors it.
 */

/** An installation setting's value, or null when it was never set. */
export function getSetting(db: DbExecutor, key: string): string | null {
  return db.select({ value: instanceSettings.value }).from(instanceSettings).where(eq(instanceSettings.key, key)).get()?.value ?? null
}

/**
 * Stores `value` under `key` unless a value is there already, and returns the stored value:
 * processes racing to make the same setting (the instance secret) all end with the first one's.
 */
export function insertSettingIfAbsent(db: DbExecutor, input: { key: string; value: string; now: number }): string {
  db.insert(instanceSettings).values({ key: input.key, value: input.value, createdAt: input.now }).onConflictDoNothing().run()
  return getSetting(db, input.key)!
}

/** An account linked to an organisation identity. */
export interface OidcLink {
  userId: string
  providerId: string
}

/** The account an identity (issuer and subject, as the validated ID token has them) is linked to, or null. */
export function findOidcIdentity(db: DbExecutor, issuer: string, subject: string): OidcLink | null {
  const row = db
    .select({ userId: oidcIdentities.userId, providerId: oidcIdentities.providerId })
    .from(oidcIdentities)
    .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)))
    .get()
  return row ?? null
}

/**
 * Links an identity to an account. Returns false when the identity is already linked (to
 * anyone: the first link stands, so a race between two callbacks cannot move it).
 */
export function linkOidcIdentity(
  db: DbExecutor,
  input: { issuer: string; subject: string; userId: string; providerId: string; now: number },
): boolean {
  const { issuer, subject, userId, providerId, now } = input
  return db.insert(oidcIdentities).values({ issuer, subject, userId, providerId, createdAt: now }).onConflictDoNothing().run().changes > 0
}

/**
 * Creates an account for a person first seen through their organisation: no password (hash
 * '!', which no password verifies), the email verified when the provider says it is.
 * Throws the UNIQUE error when the email is taken (see isUniqueViolation).
 */
export function insertOidcUser(db: DbExecutor, input: { email: string; name: string; emailVerified: boolean; now: number }): SessionUser {
  const id = newId()
  const { email, name, now } = input
  db.insert(users)
    .values({ id, email, name, passwordHash: '!', createdAt: now, emailVerifiedAt: input.emailVerified ? now : null })
    .run()
  return { id, email, name }
}

/** The account with this (lower-cased) email and whether its email is verified, or null: for linking by a trusted claim. */
export function findAccountForLink(db: DbExecutor, email: string): { id: string; emailVerified: boolean } | null {
  const row = db.select({ id: users.id, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, email)).get()
  return row ? { id: row.id, emailVerified: row.verifiedAt !== null } : null
}

/** An email domain whose people must sign in through a configured provider. */
export interface SsoDomain {
  domain: string
  providerId: string
  createdBy: string | null
  createdAt: number
}

const ssoColumns = {
  domain: ssoDomains.domain,
  providerId: ssoDomains.providerId,
  createdBy: ssoDomains.createdBy,
  createdAt: ssoDomains.createdAt,
}

/** The rule for a (lower-cased) email domain, or null when its people may use a password. */
export function findSsoDomain(db: DbExecutor, domain: string): SsoDomain | null {
  return db.select(ssoColumns).from(ssoDomains).where(eq(ssoDomains.domain, domain)).get() ?? null
}

/** Every domain rule, by domain. */
export function listSsoDomains(db: DbExecutor): SsoDomain[] {
  return db.select(ssoColumns).from(ssoDomains).orderBy(asc(ssoDomains.domain)).all()
}

/** Requires organisation sign-in for a domain through `providerId` (replacing the domain's earlier provider). */
export function setSsoDomain(
  db: DbExecutor,
  input: { domain: string; providerId: string; createdBy: string | null; now: number },
): SsoDomain {
  const row = { domain: input.domain, providerId: input.providerId, createdBy: input.createdBy, createdAt: input.now }
  db.insert(ssoDomains)
    .values(row)
    .onConflictDoUpdate({
      target: ssoDomains.domain,
      set: { providerId: row.providerId, createdBy: row.createdBy, createdAt: row.createdAt },
    })
    .run()
  return row
}

/** Lifts a domain's rule. Returns whether there was one. */
export function deleteSsoDomain(db: DbExecutor, domain: string): boolean {
  return db.delete(ssoDomains).where(eq(ssoDomains.domain, domain)).run().changes > 0
}

/** The domain of an email address, lower-cased (the part after the last '@'). */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase()
}
