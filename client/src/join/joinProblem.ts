import { ApiError, NetworkError } from '../api/client'
import type { AnyKey } from '../i18n/T'

/** The words (i18n key and values) for why a join code cannot be used: gone, no hui, too many tries, offline. */
export function joinProblem(error: unknown): { key: AnyKey; values?: Record<string, unknown> } {
  if (error instanceof NetworkError) return { key: 'common:status.networkError' }
  if (error instanceof ApiError) {
    if (error.status === 404) return { key: 'people:huiJoin.unknown' }
    if (error.status === 409) return { key: 'people:huiJoin.noHui' }
    if (error.status === 429)
      return { key: 'people:huiJoin.tooMany', values: { minutes: Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 60_000)) } }
  }
  return { key: 'people:huiJoin.failed' }
}
