import { and, asc, eq } from 'drizzle-orm'
import { newId } from '../../db/ids'
import { instanceSettings, oidcIdentities, ssoDomains, users } from '../../db/pg/schema'
import type { SettingsRepo } from '../types'
import type { PgExecutor } from './executor'

const ssoColumns = {
  domain: ssoDomains.domain,
  providerId: ssoDomains.providerId,
  createdBy: ssoDomains.createdBy,
  createdAt: ssoDomains.createdAt,
}

/** Instance settings, organisation identities and SSO domains on PostgreSQL: mirrors db/settings.ts. */
export function pgSettings(db: PgExecutor): SettingsRepo {
  async function getSetting(key: string): Promise<string | null> {
    const [row] = await db.select({ value: instanceSettings.value }).from(instanceSettings).where(eq(instanceSettings.key, key))
    return row?.value ?? null
  }
  return {
    getSetting,

    async insertSettingIfAbsent({ key, value, now }) {
      await db.insert(instanceSettings).values({ key, value, createdAt: now }).onConflictDoNothing()
      return (await getSetting(key))!
    },

    async findOidcIdentity(issuer, subject) {
      const [row] = await db
        .select({ userId: oidcIdentities.userId, providerId: oidcIdentities.providerId })
        .from(oidcIdentities)
        .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)))
      return row ?? null
    },

    async linkOidcIdentity({ issuer, subject, userId, providerId, now }) {
      const rows = await db
        .insert(oidcIdentities)
        .values({ issuer, subject, userId, providerId, createdAt: now })
        .onConflictDoNothing()
        .returning({ issuer: oidcIdentities.issuer })
      return rows.length > 0
    },

    async insertOidcUser({ email, name, emailVerified, now }) {
      const id = newId()
      await db.insert(users).values({ id, email, name, passwordHash: '!', createdAt: now, emailVerifiedAt: emailVerified ? now : null })
      return { id, email, name }
    },

    async findAccountForLink(email) {
      const [row] = await db.select({ id: users.id, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, email))
      return row ? { id: row.id, emailVerified: row.verifiedAt !== null } : null
    },

    async findSsoDomain(domain) {
      const [row] = await db.select(ssoColumns).from(ssoDomains).where(eq(ssoDomains.domain, domain))
      return row ?? null
    },

    async listSsoDomains() {
      return db.select(ssoColumns).from(ssoDomains).orderBy(asc(ssoDomains.domain))
    },

    async setSsoDomain(input) {
      const row = { domain: input.domain, providerId: input.providerId, createdBy: input.createdBy, createdAt: input.now }
      await db
        .insert(ssoDomains)
        .values(row)
        .onConflictDoUpdate({
          target: ssoDomains.domain,
          set: { providerId: row.providerId, createdBy: row.createdBy, createdAt: row.createdAt },
        })
      return row
    },

    async deleteSsoDomain(domain) {
      const rows = await db.delete(ssoDomains).where(eq(ssoDomains.domain, domain)).returning({ domain: ssoDomains.domain })
      return rows.length > 0
    },
  }
}
