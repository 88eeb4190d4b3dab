import { ApiError, NetworkError } from '../api/client'
import type { AnyKey } from '../i18n/T'

/** The fields of the sign-in and sign-up forms. */
export type AuthField = 'name' | 'email' | 'password'

/** A problem with an auth form, as an i18n key so it re-renders in the chosen language. */
export interface AuthProblem {
  field: AuthField | null
  key: AnyKey
  values?: Record<string, unknown>
}

export type AuthMode = 'signIn' | 'signUp'

export interface AuthValues {
  name?: string
  email: string
  password: string
}

/** Mirrors the server's rules (shared/src/api.ts) so most mistakes are caught before a round trip. */
export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 200
export const NAME_MAX = 100

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function validateAuth(values: AuthValues, mode: AuthMode): AuthProblem[] {
  const problems: AuthProblem[] = []
  if (mode === 'signUp' && !values.name?.trim()) problems.push({ field: 'name', key: 'auth:errors.nameRequired' })
  const email = values.email.trim()
  if (!email) problems.push({ field: 'email', key: 'auth:errors.emailRequired' })
  else if (!EMAIL_SHAPE.test(email)) problems.push({ field: 'email', key: 'auth:errors.emailInvalid' })
  if (!values.password) problems.push({ field: 'password', key: 'auth:errors.passwordRequired' })
  else if (mode === 'signUp' && values.password.length < PASSWORD_MIN) {
    problems.push({ field: 'password', key: 'auth:errors.passwordTooShort', values: { count: PASSWORD_MIN } })
  }
  return problems
}

/** The wait the server asks for, from its message ("Try again in 42 seconds."). */
function retrySeconds(message: string): number | null {
  const match = /(\d+)\s*second/.exec(message)
  return match ? Number(match[1]) : null
}

function rateLimited(message: string): AuthProblem {
  const seconds = retrySeconds(message)
  if (seconds === null) return { field: null, key: 'auth:errors.rateLimitedSoon' }
  if (seconds < 90) return { field: null, key: 'auth:errors.rateLimitedSeconds', values: { count: seconds } }
  return { field: null, key: 'auth:errors.rateLimitedMinutes', values: { count: Math.ceil(seconds / 60) } }
}

/** `validation_failed` names the fields: "email: Enter a valid email address; password: ...". */
function validationProblems(message: string, mode: AuthMode): AuthProblem[] {
  const problems: AuthProblem[] = []
  for (const issue of message.split(';')) {
    const field = issue.split(':')[0]?.trim()
    if (field === 'email') problems.push({ field, key: 'auth:errors.emailInvalid' })
    else if (field === 'name') problems.push({ field, key: 'auth:errors.nameInvalid', values: { count: NAME_MAX } })
    else if (field === 'password') {
      // The server also refuses a long password that is easy to guess, and says why (zxcvbn's advice).
      const detail = issue.slice(issue.indexOf(':') + 1).trim()
      const tooShort = /at least|too small/i.test(detail)
      problems.push(
        mode !== 'signUp'
          ? { field, key: 'auth:errors.passwordRequired' }
          : tooShort || detail === ''
            ? { field, key: 'auth:errors.passwordTooShort', values: { count: PASSWORD_MIN } }
            : { field, key: 'auth:errors.passwordWeak', values: { advice: detail } },
      )
    }
  }
  return problems.length > 0 ? problems : [{ field: null, key: 'auth:errors.generic', values: { message } }]
}

/** Turns what signIn/signUp threw into problems to show. */
export function problemsFromError(error: unknown, mode: AuthMode): AuthProblem[] {
  if (error instanceof NetworkError) return [{ field: null, key: 'common:status.networkError' }]
  if (!(error instanceof ApiError)) return [{ field: null, key: 'auth:errors.generic', values: { message: String(error) } }]
  switch (error.code) {
    case 'invalid_credentials':
      return [{ field: 'password', key: 'auth:errors.invalidCredentials' }]
    case 'email_taken':
      return [{ field: 'email', key: 'auth:errors.emailTaken' }]
    case 'sso_required':
      return [{ field: 'email', key: 'auth:errors.ssoRequired', values: { message: error.message } }]
    case 'rate_limited':
      return [rateLimited(error.message)]
    case 'validation_failed':
      return validationProblems(error.message, mode)
    default:
      return [{ field: null, key: 'auth:errors.generic', values: { message: error.message } }]
  }
}

/** `path` with the `next` parameter of `search` carried over (sign-in ⇄ sign-up). */
export function withNext(path: string, search: string): string {
  const next = new URLSearchParams(search).get('next')
  return next ? `${path}?next=${encodeURIComponent(next)}` : path
}
