import { Hono, type Context } from 'hono'
import { LoginBody, RegisterBody, UpdateMeBody, type Me } from '@hononga/shared'
import type { AppDeps, AppEnv, SessionUser } from '../app-env'
import { requireUser } from '../auth/access'
import { clientAddress } from '../auth/client-address'
import { hashPassword, prepareDecoy, verifyAgainstDecoy, verifyPassword } from '../auth/password'
import { enforcePasswordPolicy } from '../auth/password-policy'
import { clearSessionCookie, sessionId, sessionToken, setSessionCookie } from '../auth/session'
import type { AuthThrottles } from '../auth/throttle'
import { isEmailVerified } from '../db/auth-tokens'
import { isUniqueViolation } from '../db/executor'
import { AppError } from '../errors'
import { readJsonBody } from './body'
import { refuseIfSsoRequired } from './sso-domains'
import { sendVerificationMail } from './password-reset'

const toMe = (user: SessionUser): Me => ({ id: user.id, email: user.email, name: user.name })

function tooManyAttempts(retryAfterMs: number, what: string): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new AppError('rate_limited', `Too many ${what}. Try again in ${seconds} seconds.`, { 'Retry-After': String(seconds) })
}

/**
 * `POST /api/auth/register`, `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/me`.
 * Signing in replaces any session the browser already had, so a planted cookie cannot be
 * carried into someone's account (session fixation). Signing out also closes the plan
 * sockets that session opened (4401). A new password must pass the password policy.
 */
export function authRoutes(deps: AppDeps, throttles: AuthThrottles): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  void prepareDecoy()

  async function startSession(c: Context<AppEnv>, user: SessionUser): Promise<void> {
    const now = deps.now()
    const previous = sessionToken(c)
    await deps.repos.sessions.deleteSession(previous)
    const ended = sessionId(previous)
    if (ended) deps.collab.closeSession(ended)
    const session = await deps.repos.sessions.createSession({ userId: user.id, now, ttlMs: deps.config.sessionTtlMs })
    setSessionCookie(c, deps, session.token, session.expiresAt - now)
  }

  app.post('/api/auth/register', async (c) => {
    const address = `ip:${clientAddress(c)}`
    const wait = await throttles.registrations.retryAfterMs(address, deps.now())
    if (wait > 0) throw tooManyAttempts(wait, 'new accounts from this network')
    const body = await readJsonBody(c, RegisterBody)
    await refuseIfSsoRequired(deps, body.email)
    await throttles.registrations.record(address, deps.now())
    if (await deps.repos.users.findUserByEmail(body.email)) throw emailTaken()
    await enforcePasswordPolicy(body.password, body)
    const passwordHash = await hashPassword(body.password)
    let user: SessionUser
    try {
      user = await deps.repos.users.insertUser({ email: body.email, name: body.name, passwordHash, now: deps.now() })
    } catch (error) {
      // Two registrations for one email racing through the hash: the UNIQUE index decides.
      if (isUniqueViolation(error)) throw emailTaken()
      throw error
    }
    deps.log.info({ event: 'user.registered', userId: user.id }, 'user registered')
    // The language chosen in the browser, for the person's mail (the verification link just below included).
    if (body.language) await deps.repos.mail.setUserLanguage(user.id, body.language)
    // When mail is on, the new address is verified by a link (issue 14); a failure to queue it
    // must not undo the account ("Send again" is there).
    const account = deps.mail.enabled ? await deps.repos.authTokens.findAccountById(user.id) : null
    if (account) {
      await sendVerificationMail(deps, account).catch((error: unknown) =>
        deps.log.error({ event: 'email.verify.enqueue_failed', userId: user.id, err: error }, 'verification mail not queued'),
      )
    }
    await startSession(c, user)
    return c.json(toMe(user), 201)
  })

  app.post('/api/auth/login', async (c) => {
    const body = await readJsonBody(c, LoginBody)
    await refuseIfSsoRequired(deps, body.email)
    const emailKey = `email:${body.email}`
    const addressKey = `ip:${clientAddress(c)}`
    // Checked before the password, so a locked-out guesser learns nothing more.
    const wait = Math.max(
      await throttles.loginFailures.retryAfterMs(emailKey, deps.now()),
      await throttles.loginFailures.retryAfterMs(addressKey, deps.now()),
    )
    if (wait > 0) throw tooManyAttempts(wait, 'failed sign-in attempts')
    const stored = await deps.repos.users.findUserByEmail(body.email)
    const ok = stored ? await verifyPassword(body.password, stored.passwordHash) : await verifyAgainstDecoy(body.password)
    if (!stored || !ok) {
      const now = deps.now()
      await throttles.loginFailures.record(emailKey, now)
      await throttles.loginFailures.record(addressKey, now)
      deps.log.info({ event: 'login.failed', address: addressKey }, 'failed sign-in')
      throw new AppError('invalid_credentials', 'That email and password do not match an account')
    }
    await throttles.loginFailures.clear(emailKey)
    const user: SessionUser = { id: stored.id, email: stored.email, name: stored.name }
    await startSession(c, user)
    return c.json(toMe(user), 200)
  })

  app.post('/api/auth/logout', async (c) => {
    const token = sessionToken(c)
    await deps.repos.sessions.deleteSession(token)
    clearSessionCookie(c, deps)
    // A socket this session opened would otherwise keep writing as the signed-out person.
    const ended = sessionId(token)
    if (ended) deps.collab.closeSession(ended)
    return c.body(null, 204)
  })

  app.get('/api/me', async (c) => {
    const user = requireUser(c)
    c.header('Cache-Control', 'no-store')
    const account = await deps.repos.authTokens.findAccountById(user.id)
    const emailVerified = account !== null && isEmailVerified(account)
    const language = account?.language ?? 'en'
    return c.json({ ...toMe(user), emailVerified, mailEnabled: deps.mail.enabled, language } satisfies Me)
  })

  // The person's own settings: for now their language (mail and app).
  app.patch('/api/me', async (c) => {
    const user = requireUser(c)
    const body = await readJsonBody(c, UpdateMeBody)
    await deps.repos.mail.setUserLanguage(user.id, body.language)
    return c.json({ ...toMe(user), language: body.language } satisfies Me)
  })

  return app
}

const emailTaken = () => new AppError('email_taken', 'An account with this email already exists')
