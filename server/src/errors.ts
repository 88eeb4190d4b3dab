import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiErrorCode } from '@hononga/shared'

const STATUS: Record<ApiErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  last_facilitator: 409,
  not_agreed: 409,
  plan_archived: 409,
  plan_deleted: 409,
  invite_expired: 410,
  invite_revoked: 410,
  invalid_token: 410,
  sso_required: 409,
  payload_too_large: 413,
  plan_too_large: 413,
  not_upgradable: 426,
  rate_limited: 429,
  plan_unavailable: 503,
  internal: 500,
}

/**
 * The one error type routes throw. `app.onError` turns it into
 * `{ "error": { "code", "message" } }` with the status its code maps to.
 */
export class AppError extends Error {
  readonly status: ContentfulStatusCode
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'AppError'
    this.status = STATUS[code]
  }
}

export const notFound = (what = 'Not found') => new AppError('not_found', what)
export const forbidden = (why = 'You do not have access to this') => new AppError('forbidden', why)
