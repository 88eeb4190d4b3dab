import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import { ZodError } from 'zod'
import type { ApiErrorCode, ErrorBody } from '@hononga/shared'
import type { AppDeps, AppEnv } from './app-env'
import { csrfMiddleware } from './auth/csrf'
import { sessionMiddleware } from './auth/session'
import { createAuthThrottles } from './auth/throttle'
import { AppError } from './errors'
import { agreementRoutes } from './routes/agreements'
import { commentRoutes } from './routes/comments'
import { notificationRoutes } from './routes/notifications'
import { auditRoutes } from './routes/audit'
import { accessLogRoutes } from './routes/access-log'
import { authRoutes } from './routes/auth'
import { oidcRoutes } from './routes/oidc'
import { ssoDomainRoutes } from './routes/sso-domains'
import { passwordResetRoutes } from './routes/password-reset'
import { unsubscribeRoutes } from './routes/unsubscribe'
import { describeZodIssues } from './routes/body'
import { clientRoutes } from './routes/client'
import { healthRoutes } from './routes/health'
import { huiRoutes } from './routes/hui'
import { scheduledHuiRoutes } from './routes/scheduled-hui'
import { calendarFeedRoutes } from './routes/calendar-feed'
import { inviteRoutes } from './routes/invites'
import { joinRoutes } from './routes/join'
import { memberRoutes } from './routes/members'
import { metricsRoutes } from './routes/metrics'
import { parkingLotRoutes } from './routes/parking-lot'
import { partnerRoutes } from './routes/partners'
import { planRoutes } from './routes/plans'
import { lifecycleGuard, lifecycleRoutes } from './routes/lifecycle'
import { positionRoutes } from './routes/positions'
import { progressRoutes } from './routes/progress'
import { snapshotRoutes } from './routes/snapshots'
import { wsRoutes } from './routes/ws'
import { trackerRoutes } from './routes/tracker'
import { exportRoutes, IMPORT_MAX_BODY_BYTES, IMPORT_PATH } from './routes/exports'
import { diffRoutes } from './routes/diff'
import { districtRoutes } from './routes/districts'
import { planDistrictRoutes } from './routes/plan-district'
import { engagementRoutes } from './routes/engagement'
import { printoutRoutes } from './routes/printouts'
import { withheldRoutes } from './routes/withheld'

/**
 * The Content-Security-Policy of every response: only this origin's own scripts, styles,
 * fonts and connections (the WebSocket is same-origin). Inline style *attributes* are
 * allowed because the editor positions things with them; inline scripts never are.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
}

const HTTP_EXCEPTION_CODES: Partial<Record<number, ApiErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  429: 'rate_limited',
}

function errorResponse(c: Context, error: AppError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } }
  return c.json(body, error.status, error.headers)
}

/**
 * Builds the HTTP application: security headers, body limit, session and CSRF middleware,
 * every API route, the WebSocket route, and the built client. Errors of every kind leave
 * as `{ "error": { "code", "message" } }` (see `@hononga/shared` ErrorBody).
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const throttles = createAuthThrottles(deps.repos.throttles, deps.config)

  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, xFrameOptions: 'DENY' }))
  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('payload_too_large', `The request body is larger than ${maxSize} bytes`)
      },
    })
  const apiBodyLimit = limitBody(deps.config.httpMaxBodyBytes)
  // An exported plan (POST /api/plans/import) may be larger than any other body.
  const importBodyLimit = limitBody(Math.max(IMPORT_MAX_BODY_BYTES, deps.config.httpMaxBodyBytes))
  app.use('/api/*', (c, next) => (c.req.path === IMPORT_PATH ? importBodyLimit(c, next) : apiBodyLimit(c, next)))
  app.use('/api/*', async (c, next) => {
    await next()
    // Plans are private: keep them out of shared caches and the browser's back-forward cache.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
  })
  app.use('/api/*', sessionMiddleware(deps))
  app.use('/ws/*', sessionMiddleware(deps))
  app.use('/api/*', csrfMiddleware(deps.config))

  app.route('/', healthRoutes(deps))
  app.route('/', metricsRoutes(deps))
  app.route('/', authRoutes(deps, throttles))
  app.route('/', oidcRoutes(deps))
  app.route('/', ssoDomainRoutes(deps))
  app.route('/', passwordResetRoutes(deps))
  app.route('/', unsubscribeRoutes(deps))
  app.use('/api/plans/:id/*', lifecycleGuard(deps))
  app.route('/', planRoutes(deps))
  app.route('/', lifecycleRoutes(deps))
  app.route('/', memberRoutes(deps))
  app.route('/', inviteRoutes(deps))
  app.route('/', joinRoutes(deps))
  app.route('/', partnerRoutes(deps))
  app.route('/', auditRoutes(deps))
  app.route('/', accessLogRoutes(deps))
  app.route('/', snapshotRoutes(deps))
  app.route('/', agreementRoutes(deps))
  app.route('/', huiRoutes(deps))
  app.route('/', scheduledHuiRoutes(deps))
  app.route('/', calendarFeedRoutes(deps))
  app.route('/', positionRoutes(deps))
  app.route('/', parkingLotRoutes(deps))
  app.route('/', commentRoutes(deps))
  app.route('/', notificationRoutes(deps))
  app.route('/', progressRoutes(deps))
  app.route('/', engagementRoutes(deps))
  app.route('/', withheldRoutes(deps))
  app.route('/', trackerRoutes(deps))
  app.route('/', exportRoutes(deps))
  app.route('/', districtRoutes(deps))
  app.route('/', planDistrictRoutes(deps))
  app.route('/', printoutRoutes(deps))
  app.route('/', diffRoutes(deps))
  app.route('/', wsRoutes(deps))
  app.route('/', clientRoutes(deps.config.clientDist))

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') {
      return errorResponse(c, new AppError('not_found', `No route for ${c.req.method} ${c.req.path}`))
    }
    return c.text('Not found', 404)
  })

  app.onError((error, c) => {
    if (error instanceof AppError) return errorResponse(c, error)
    if (error instanceof ZodError) return errorResponse(c, new AppError('validation_failed', describeZodIssues(error.issues)))
    if (error instanceof HTTPException) {
      const code = HTTP_EXCEPTION_CODES[error.status]
      if (code) return errorResponse(c, new AppError(code, error.message || code.replace('_', ' ')))
    }
    deps.log.error(
      { event: 'http.error', method: c.req.method, path: c.req.path, userId: c.get('user')?.id, err: error },
      'unhandled error',
    )
    return errorResponse(c, new AppError('internal', 'Something went wrong on the server'))
  })

  return app
}
