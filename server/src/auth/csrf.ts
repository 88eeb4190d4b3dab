import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import type { Config } from '../config'
import { AppError } from '../errors'

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** scheme://host[:port] of a URL-like string, lower-cased, default port dropped; null if it has none. */
function normaliseOrigin(value: string): string | null {
  try {
    const origin = new URL(value).origin
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

/**
 * Whether the request's `Origin` header names a page allowed to act for the signed-in user:
 * this server's own origin (scheme and Host of the request) or one of PUBLIC_ORIGIN. False
 * when there is no Origin header. The WebSocket upgrade reuses it for cookie-authenticated
 * sockets (browsers always send Origin on those).
 */
export function isAllowedOrigin(c: Context, config: Pick<Config, 'publicOrigins'>): boolean {
  const header = c.req.header('origin')
  if (!header) return false
  const origin = normaliseOrigin(header)
  if (origin === null) return false
  if (origin === new URL(c.req.url).origin) return true
  return config.publicOrigins.some((allowed) => normaliseOrigin(allowed) === origin)
}

/**
 * Rejects state-changing requests a foreign page could have made with the user's cookie:
 * a present Origin must be allowed, and a cookie-authenticated request must carry one.
 * (Non-browser clients without a cookie, and so without ambient authority, need no Origin.)
 * Runs after the session middleware, which sets `viaCookie`.
 */
export function csrfMiddleware(config: Pick<Config, 'publicOrigins'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE_METHODS.has(c.req.method)) {
      const hasOrigin = c.req.header('origin') !== undefined
      if (hasOrigin ? !isAllowedOrigin(c, config) : c.get('viaCookie')) {
        throw new AppError('csrf_rejected', 'This request did not come from a page of this site')
      }
    }
    await next()
  }
}
