import { Hono, type Context } from 'hono'
import {
  AdminResetLinkBody,
  PasswordResetBody,
  PasswordResetCompleteBody,
  VerifyEmailBody,
  type AdminResetLink,
  type Me,
  type PasswordResetRequested,
} from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireUser } from '../auth/access'
import { clientAddress } from '../auth/client-address'
import { hashPassword } from '../auth/password'
import { enforcePasswordPolicy } from '../auth/password-policy'
import { sessionToken, setSessionCookie } from '../auth/session'
import { SlidingWindowLimiter } from '../auth/throttle'
import type { AccountRecord } from '../db/auth-tokens'
import { emailDomain } from '../db/settings'
import { AppError, notFound } from '../errors'
import { publicUrl } from '../mail/links'
import { RESET_LINK_MINUTES, resetMail } from '../mail/templates/reset'
import { VERIFY_LINK_HOURS, verifyMail } from '../mail/templates/verify'
import type { Repositories } from '../repos/types'
import { readJsonBody } from './body'

/** How long a link an administrator (or the operator) makes stays usable: long enough to pass on by hand. */
export const MANUAL_RESET_LINK_HOURS = 24
/** Reset requests per email in an hour; over it, 429 (for unknown emails too). */
export const RESET_REQUESTS_PER_EMAIL_HOUR = 5
/** Reset requests per client address in an hour (an office or marae shares one address). */
export const RESET_REQUESTS_PER_ADDRESS_HOUR = 30
/** Verification emails a signed-in person may ask again for in an hour. */
export const VERIFY_RESENDS_PER_HOUR = 3

const INVALID_TOKEN = 'This link is not valid: it was used already, it expired, or it was copied wrongly. Ask for a new one.'
const SSO_MESSAGE = 'People with this email domain sign in through their organisation; their password is not kept here.'

/** The link in a reset email or made by hand: the token rides in the fragment, so no server log or Referer holds it. */
export function resetLinkUrl(config: AppDeps['config'], token: string): string {
  return publicUrl(config, `/reset-password#token=${token}`)
}

function verifyLinkUrl(config: AppDeps['config'], token: string): string {
  return publicUrl(config, `/verify-email#token=${token}`)
}

/**
 * A reset link made by hand (an instance administrator, or `pnpm admin reset-link`), for an
 * instance without mail: 24 hours, single use, `created_by` naming who made it. Throws 404
 * `not_found` for an unknown email and 409 `conflict` for an account whose domain must sign
 * in through its organisation.
 */
export async function makeManualResetLink(
  repos: Repositories,
  config: AppDeps['config'],
  input: { email: string; createdBy: string; now: number },
): Promise<AdminResetLink & { userId: string }> {
  const account = await repos.authTokens.findAccountByEmail(input.email.trim().toLowerCase())
  if (!account) throw notFound(`No account has the email ${input.email}`)
  if (await mustSignInThroughOrganisation(repos, account.email)) throw new AppError('conflict', SSO_MESSAGE)
  const { token, expiresAt } = await repos.authTokens.createAuthToken({
    userId: account.id,
    purpose: 'password-reset',
    createdBy: input.createdBy,
    now: input.now,
    ttlMs: MANUAL_RESET_LINK_HOURS * 3600_000,
  })
  return { url: resetLinkUrl(config, token), expiresAt, userId: account.id }
}

/**
 * Emails a verification link (24 hours) to a person, the token and the mail stored in one
 * transaction. Does nothing when mail is off. Registration calls it; so does "Send again".
 */
export async function sendVerificationMail(
  deps: Pick<AppDeps, 'repos' | 'config' | 'mail' | 'now'>,
  account: AccountRecord,
): Promise<void> {
  if (!deps.mail.enabled) return
  await deps.repos.transaction(async (tx) => {
    const { token } = await tx.authTokens.createAuthToken({
      userId: account.id,
      purpose: 'verify-email',
      createdBy: null,
      now: deps.now(),
      ttlMs: VERIFY_LINK_HOURS * 3600_000,
    })
    await deps.mail.enqueue(verifyMail(account, verifyLinkUrl(deps.config, token)), tx)
  })
}

function tooMany(retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new AppError('rate_limited', `Too many requests. Try again in ${seconds} seconds.`, { 'Retry-After': String(seconds) })
}

/**
 * Password reset and email verification (issue 14):
 * `POST /api/auth/password-reset`, `POST /api/auth/password-reset/complete`,
 * `POST /api/admin/users/reset-link` (instance administrators; 404 for anyone else),
 * `POST /api/auth/verify-email`, `POST /api/auth/verify-email/resend`.
 * A reset ends every session and open socket of the person, then signs this browser in afresh.
 */
export function passwordResetRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const { repos } = deps
  const resetsPerEmail = new SlidingWindowLimiter(repos.throttles, 'password_reset', RESET_REQUESTS_PER_EMAIL_HOUR, 3600_000)
  const resetsPerAddress = new SlidingWindowLimiter(repos.throttles, 'password_reset', RESET_REQUESTS_PER_ADDRESS_HOUR, 3600_000)
  const verifyResends = new SlidingWindowLimiter(repos.throttles, 'verify_resend', VERIFY_RESENDS_PER_HOUR, 3600_000)

  app.post('/api/auth/password-reset', async (c) => {
    const body = await readJsonBody(c, PasswordResetBody)
    const now = deps.now()
    const limits = [
      { limiter: resetsPerEmail, key: `email:${body.email}` },
      { limiter: resetsPerAddress, key: `ip:${clientAddress(c)}` },
    ]
    let wait = 0
    for (const { limiter, key } of limits) wait = Math.max(wait, await limiter.retryAfterMs(key, now))
    if (wait > 0) throw tooMany(wait)
    for (const { limiter, key } of limits) await limiter.record(key, now)
    // The lookup runs either way; what follows differs only by two inserts, so the answer's
    // timing tells little, and its body nothing, about whether the account exists.
    const account = await repos.authTokens.findAccountByEmail(body.email)
    const sso = account ? await mustSignInThroughOrganisation(repos, account.email) : false
    if (account && !sso && deps.mail.enabled) {
      await repos.transaction(async (tx) => {
        const { token } = await tx.authTokens.createAuthToken({
          userId: account.id,
          purpose: 'password-reset',
          createdBy: null,
          now,
          ttlMs: RESET_LINK_MINUTES * 60_000,
        })
        await deps.mail.enqueue(resetMail(account, resetLinkUrl(deps.config, token)), tx)
      })
      deps.log.info({ event: 'password.reset.requested', userId: account.id }, 'password reset link emailed')
    }
    return c.json({ mail: deps.mail.enabled } satisfies PasswordResetRequested, 202)
  })

  app.post('/api/auth/password-reset/complete', async (c) => {
    const body = await readJsonBody(c, PasswordResetCompleteBody)
    const holder = await repos.authTokens.findAuthToken(body.token, 'password-reset', deps.now())
    const account = holder ? await repos.authTokens.findAccountById(holder.userId) : null
    if (!account) throw new AppError('invalid_token', INVALID_TOKEN)
    if (await mustSignInThroughOrganisation(repos, account.email)) throw new AppError('conflict', SSO_MESSAGE)
    await enforcePasswordPolicy(body.password, account)
    const passwordHash = await hashPassword(body.password)
    // Taken again inside the transaction: of two requests racing with one link, one wins.
    const ended = await repos.transaction(async (tx) => {
      const taken = await tx.authTokens.takeAuthToken(body.token, 'password-reset', deps.now())
      if (!taken || taken.userId !== account.id) throw new AppError('invalid_token', INVALID_TOKEN)
      await tx.authTokens.setPasswordHash(account.id, passwordHash)
      return tx.authTokens.endUserSessions(account.id, null)
    })
    for (const sessionId of ended) deps.collab.closeSession(sessionId)
    // Whoever followed the link proved they hold the mailbox (or the link an administrator passed
    // on): this browser is signed in afresh, with a new session.
    await repos.sessions.deleteSession(sessionToken(c))
    const session = await repos.sessions.createSession({ userId: account.id, now: deps.now(), ttlMs: deps.config.sessionTtlMs })
    setSessionCookie(c, deps, session.token, session.expiresAt - deps.now())
    deps.log.info({ event: 'password.reset', userId: account.id, sessionsEnded: ended.length }, 'password reset')
    return c.json({ id: account.id, email: account.email, name: account.name } satisfies Me, 200)
  })

  app.post('/api/admin/users/reset-link', async (c) => {
    const admin = requireUser(c)
    if (!(await repos.districts.isInstanceAdmin(admin.id))) throw notFound('Not found')
    const body = await readJsonBody(c, AdminResetLinkBody)
    const link = await makeManualResetLink(repos, deps.config, { email: body.email, createdBy: admin.id, now: deps.now() })
    deps.log.info({ event: 'password.reset.link.made', userId: admin.id, forUserId: link.userId }, 'reset link made by an administrator')
    return c.json({ url: link.url, expiresAt: link.expiresAt } satisfies AdminResetLink, 201)
  })

  app.post('/api/auth/verify-email', async (c) => {
    const body = await readJsonBody(c, VerifyEmailBody)
    const now = deps.now()
    const verified = await repos.transaction(async (tx) => {
      const taken = await tx.authTokens.takeAuthToken(body.token, 'verify-email', now)
      if (taken) await tx.authTokens.markEmailVerified(taken.userId, now)
      return taken
    })
    if (!verified) throw new AppError('invalid_token', INVALID_TOKEN)
    deps.log.info({ event: 'email.verified', userId: verified.userId }, 'email verified')
    return c.body(null, 204)
  })

  app.post('/api/auth/verify-email/resend', async (c: Context<AppEnv>) => {
    const user = requireUser(c)
    if (!deps.mail.enabled) throw new AppError('conflict', 'This server sends no email, so there is nothing to verify.')
    const account = await repos.authTokens.findAccountById(user.id)
    if (!account) throw new AppError('unauthenticated', 'Sign in first')
    if (account.emailVerifiedAt !== null) return c.body(null, 204)
    const key = `user:${user.id}`
    const wait = await verifyResends.retryAfterMs(key, deps.now())
    if (wait > 0) throw tooMany(wait)
    await verifyResends.record(key, deps.now())
    await sendVerificationMail(deps, account)
    return c.body(null, 204)
  })

  return app
}

/** Whether the account's email domain must sign in through its organisation (the OIDC rules' table). */
async function mustSignInThroughOrganisation(repos: Pick<Repositories, 'settings'>, email: string): Promise<boolean> {
  return (await repos.settings.findSsoDomain(emailDomain(email))) !== null
}
