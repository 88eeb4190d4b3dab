import { Hono, type Context } from 'hono'
import { EmailDomain, SsoDomainBody, type SsoDomainEntry, type SsoDomainList } from '@hononga/shared'
import type { AppDeps, AppEnv, SessionUser } from '../app-env'
import { requireUser } from '../auth/access'
import { emailDomain, type SsoDomain } from '../db/settings'
import { AppError, notFound } from '../errors'
import { readJsonBody } from './body'

const entry = (row: SsoDomain): SsoDomainEntry => ({ domain: row.domain, providerId: row.providerId, createdAt: row.createdAt })

/**
 * Refuses password sign-in and registration (409 `sso_required`, naming the provider) for an
 * email whose domain an administrator requires to sign in through its organisation.
 */
export async function refuseIfSsoRequired(deps: AppDeps, email: string): Promise<void> {
  const rule = await deps.repos.settings.findSsoDomain(emailDomain(email))
  if (!rule) return
  const label = deps.config.oidcProviders.find((p) => p.id === rule.providerId)?.label ?? rule.providerId
  throw new AppError('sso_required', `People at ${rule.domain} sign in with ${label}: use the “Sign in with ${label}” button.`)
}

/**
 * `GET /api/admin/sso-domains`, `PUT /api/admin/sso-domains/:domain` `{ providerId }` and
 * `DELETE /api/admin/sso-domains/:domain`: which email domains must sign in through their
 * organisation's provider. Instance administrators only (404 for everyone else, as the other
 * admin routes). The provider must be configured (OIDC_PROVIDERS).
 */
export function ssoDomainRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  const requireAdmin = async (c: Context<AppEnv>): Promise<SessionUser> => {
    const user = requireUser(c)
    if (!(await deps.repos.districts.isInstanceAdmin(user.id))) throw notFound('Not found')
    return user
  }
  const readDomain = (c: Context<AppEnv>): string => {
    const parsed = EmailDomain.safeParse(c.req.param('domain'))
    if (!parsed.success) throw new AppError('validation_failed', 'Enter a domain such as police.govt.nz')
    return parsed.data
  }

  app.get('/api/admin/sso-domains', async (c) => {
    await requireAdmin(c)
    const domains = (await deps.repos.settings.listSsoDomains()).map(entry)
    return c.json({ domains } satisfies SsoDomainList)
  })

  app.put('/api/admin/sso-domains/:domain', async (c) => {
    const admin = await requireAdmin(c)
    const domain = readDomain(c)
    const { providerId } = await readJsonBody(c, SsoDomainBody)
    if (!deps.config.oidcProviders.some((p) => p.id === providerId)) {
      throw new AppError('validation_failed', `No organisation sign-in provider "${providerId}" is configured`)
    }
    const row = await deps.repos.settings.setSsoDomain({ domain, providerId, createdBy: admin.id, now: deps.now() })
    deps.log.info({ event: 'sso_domain.set', userId: admin.id, domain, providerId }, 'organisation sign-in required for a domain')
    return c.json(entry(row))
  })

  app.delete('/api/admin/sso-domains/:domain', async (c) => {
    const admin = await requireAdmin(c)
    const domain = readDomain(c)
    if (!(await deps.repos.settings.deleteSsoDomain(domain))) throw notFound('That domain has no organisation sign-in rule')
    deps.log.info({ event: 'sso_domain.deleted', userId: admin.id, domain }, 'organisation sign-in rule lifted')
    return c.body(null, 204)
  })

  return app
}
