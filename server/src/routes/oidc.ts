import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { displayName, type OidcProviderList, type OidcSignInError } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { instanceSecret } from '../auth/instance-secret'
import {
  emailIsTrusted,
  OIDC_COOKIE,
  OIDC_COOKIE_PATH,
  OIDC_FLOW_TTL_MS,
  OidcClients,
  openFlow,
  safeReturnTo,
  sealFlow,
  type OidcClaims,
} from '../auth/oidc'
import type { OidcProviderConfig } from '../auth/oidc-providers'
import { sessionId, sessionToken, setSessionCookie } from '../auth/session'
import { isUniqueViolation } from '../db/executor'
import { emailDomain } from '../db/settings'
import { notFound } from '../errors'

/** Why an organisation sign-in ended without a session: sent to the sign-in page as `?error=`. */
class SignInRefused extends Error {
  constructor(
    readonly error: OidcSignInError,
    readonly reason: string,
  ) {
    super(reason)
  }
}

const NameClaim = displayName(1, 100)

/**
 * Organisation sign-in (OpenID Connect, issue 14): `GET /api/auth/oidc/providers`,
 * `GET /api/auth/oidc/:id/start?returnTo=` (302 to the provider) and
 * `GET /api/auth/oidc/:id/callback` (302 back into the app, signed in, or to
 * `/sign-in?error=`). Accounts are found by the identity's issuer and subject; an email
 * claim links to an existing account only from a provider trusted for that (emailIsTrusted).
 */
export function oidcRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const clients = new OidcClients(deps.config, deps.log)
  const cookieOptions = { path: OIDC_COOKIE_PATH, httpOnly: true, sameSite: 'Lax', secure: deps.config.cookieSecure } as const

  const providerOf = (c: Context<AppEnv>): OidcProviderConfig => {
    const provider = clients.provider(c.req.param('id') ?? '')
    if (!provider) throw notFound('No such organisation sign-in provider')
    return provider
  }

  app.get('/api/auth/oidc/providers', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(deps.config.oidcProviders.map((p) => ({ id: p.id, label: p.label })) satisfies OidcProviderList)
  })

  app.get('/api/auth/oidc/:id/start', async (c) => {
    const provider = providerOf(c)
    const { url, flow } = await clients.start(provider, safeReturnTo(c.req.query('returnTo')), deps.now())
    setCookie(c, OIDC_COOKIE, sealFlow(await instanceSecret(deps.repos), flow), { ...cookieOptions, maxAge: OIDC_FLOW_TTL_MS / 1000 })
    return c.redirect(url.href, 302)
  })

  app.get('/api/auth/oidc/:id/callback', async (c) => {
    const provider = providerOf(c)
    const flow = openFlow(await instanceSecret(deps.repos), getCookie(c, OIDC_COOKIE), deps.now())
    // Single use: whatever happens next, this browser's flow is over.
    deleteCookie(c, OIDC_COOKIE, cookieOptions)
    try {
      if (!flow || flow.providerId !== provider.id)
        throw new SignInRefused('oidc_failed', 'no, an expired or another provider’s flow cookie')
      let claims: OidcClaims
      try {
        claims = await clients.finish(provider, flow, new URL(c.req.url).search)
      } catch (error) {
        throw new SignInRefused('oidc_failed', describeFailure(error))
      }
      const userId = await accountFor(deps, provider, claims)
      await startSession(c, deps, userId)
      deps.log.info({ event: 'oidc.signed_in', providerId: provider.id, userId }, 'signed in through an organisation')
      return c.redirect(flow.returnTo, 302)
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error
      deps.log.warn(
        { event: 'oidc.refused', providerId: provider.id, error: error.error, reason: error.reason },
        'organisation sign-in refused',
      )
      return c.redirect(`/sign-in?error=${error.error}`, 302)
    }
  })

  return app
}

/**
 * Why openid-client refused, for the log: each error's message along its `cause` chain, with
 * the OAuth `error` code (invalid_grant...) and the claim or check that failed where given.
 */
function describeFailure(error: unknown): string {
  const parts: string[] = []
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) parts.push(`${e.name}: ${e.message}`)
    const detail = e as { error?: unknown; code?: unknown; claim?: unknown; check?: unknown }
    for (const key of ['error', 'code', 'claim', 'check'] as const) {
      if (typeof detail[key] === 'string') parts.push(`${key}=${detail[key]}`)
    }
    if (!(e instanceof Error) && typeof e !== 'object') parts.push(String(e))
  }
  return parts.join('; ').slice(0, 1000)
}

/**
 * The account an identity signs in to: the one linked to it (issuer and subject); else an
 * existing account with its email when the provider is trusted for emails (then linked); else
 * a new account (then linked). An email that has an account the provider may not link to is
 * refused: never linked by email alone.
 */
async function accountFor(deps: AppDeps, provider: OidcProviderConfig, claims: OidcClaims): Promise<string> {
  const { repos } = deps
  const linked = await repos.settings.findOidcIdentity(claims.issuer, claims.subject)
  if (linked) return linked.userId
  if (!claims.email) throw new SignInRefused('oidc_no_email', 'the ID token has no email claim')
  const rule = await repos.settings.findSsoDomain(emailDomain(claims.email))
  if (rule && rule.providerId !== provider.id) {
    throw new SignInRefused('oidc_wrong_provider', `${rule.domain} must sign in through ${rule.providerId}`)
  }
  const link = (userId: string) =>
    repos.settings.linkOidcIdentity({ issuer: claims.issuer, subject: claims.subject, userId, providerId: provider.id, now: deps.now() })

  const existing = await repos.settings.findAccountForLink(claims.email)
  if (existing) {
    // A local account whose email was never verified could have been made by anyone (pre-hijacking):
    // when mail is on, and so verification possible, only a verified one is linked.
    const verifiedEnough = existing.emailVerified || !deps.mail.enabled
    if (!emailIsTrusted(provider, claims) || !verifiedEnough) {
      throw new SignInRefused('oidc_email_taken', `an account has ${claims.email} and the provider is not trusted to link it`)
    }
    await link(existing.id)
    deps.log.info({ event: 'oidc.linked', providerId: provider.id, userId: existing.id }, 'organisation identity linked by trusted email')
    return (await repos.settings.findOidcIdentity(claims.issuer, claims.subject))!.userId
  }

  // An address the provider itself says is unverified may be someone else's: no account is made
  // with it (its owner could later reset the password and share an account with this identity).
  if (claims.emailVerified === false) throw new SignInRefused('oidc_no_email', `the provider says ${claims.email} is not verified`)
  const named = NameClaim.safeParse(claims.name ?? '')
  const name = named.success ? named.data : claims.email.slice(0, claims.email.indexOf('@')).slice(0, 100) || 'New member'
  try {
    const userId = await repos.transaction(async (tx) => {
      const user = await tx.settings.insertOidcUser({
        email: claims.email!,
        name,
        emailVerified: claims.emailVerified === true,
        now: deps.now(),
      })
      await tx.settings.linkOidcIdentity({
        issuer: claims.issuer,
        subject: claims.subject,
        userId: user.id,
        providerId: provider.id,
        now: deps.now(),
      })
      return user.id
    })
    deps.log.info({ event: 'user.registered', userId, providerId: provider.id }, 'account made through organisation sign-in')
    return userId
  } catch (error) {
    // Someone registered the email (or the same identity finished signing in) in the meantime.
    if (!isUniqueViolation(error)) throw error
    const raced = await repos.settings.findOidcIdentity(claims.issuer, claims.subject)
    if (raced) return raced.userId
    throw new SignInRefused('oidc_email_taken', `${claims.email} was registered meanwhile`)
  }
}

/** Signs the browser in as `userId`, replacing any session it had (as password sign-in does: no session fixation). */
async function startSession(c: Context<AppEnv>, deps: AppDeps, userId: string): Promise<void> {
  const now = deps.now()
  const previous = sessionToken(c)
  await deps.repos.sessions.deleteSession(previous)
  const ended = sessionId(previous)
  if (ended) deps.collab.closeSession(ended)
  const session = await deps.repos.sessions.createSession({ userId, now, ttlMs: deps.config.sessionTtlMs })
  setSessionCookie(c, deps, session.token, session.expiresAt - now)
}
