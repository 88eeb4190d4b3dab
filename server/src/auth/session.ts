import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppDeps, AppEnv } from '../app-env'
import { hashSecretToken, isWellFormedSecretToken } from '../db/ids'
import { SESSION_COOKIE } from '../db/sessions'

/**
 * Reads the session cookie and puts the signed-in user (or null) on the context, with
 * `viaCookie` telling the CSRF check that the browser's ambient credentials were used.
 * An unknown or expired cookie is cleared; a live one slides forward at most once a day.
 */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null)
    c.set('viaCookie', false)
    const token = getCookie(c, SESSION_COOKIE)
    if (token !== undefined) {
      const now = deps.now()
      const session = await deps.repos.sessions.lookupSession(token, now)
      if (session) {
        c.set('user', session.user)
        c.set('viaCookie', true)
        const expiresAt = await deps.repos.sessions.extendSession(session, now, deps.config.sessionTtlMs)
        if (expiresAt !== null) setSessionCookie(c, deps, token, expiresAt - now)
      } else {
        clearSessionCookie(c, deps)
      }
    }
    await next()
  }
}

/** Sends the session cookie: HttpOnly, SameSite=Lax, whole site, Secure when configured. */
export function setSessionCookie(c: Context, deps: Pick<AppDeps, 'config'>, token: string, maxAgeMs: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: deps.config.cookieSecure,
    maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)),
  })
}

export function clearSessionCookie(c: Context, deps: Pick<AppDeps, 'config'>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: deps.config.cookieSecure })
}

/** The raw session token the request carried, if any (for logout and session rotation). */
export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE)
}

/**
 * The id of the session a token names (the sessions row's key, the token's SHA-256), or
 * null for no or a malformed token. Sockets opened with the session's cookie carry it, so
 * ending the session can close them.
 */
export function sessionId(token: string | undefined): string | null {
  return isWellFormedSecretToken(token) ? hashSecretToken(token) : null
}
