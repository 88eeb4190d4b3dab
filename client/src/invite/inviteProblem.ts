import { ApiError, NetworkError } from '../api/client'
import type { AnyKey } from '../i18n/T'

/** The i18n key explaining why an invite cannot be used (gone, withdrawn, expired, offline...). */
export function inviteProblemKey(error: unknown): AnyKey {
  if (error instanceof NetworkError) return 'common:status.networkError'
  if (error instanceof ApiError) {
    if (error.code === 'invite_revoked') return 'people:join.revoked'
    if (error.code === 'invite_expired') return 'people:join.expired'
    if (error.status === 404) return 'people:join.unknown'
  }
  return 'people:join.failed'
}
