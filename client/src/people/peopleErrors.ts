import { ApiError, NetworkError } from '../api/client'
import type { AnyKey } from '../i18n/T'

/** An i18n key with its values: re-rendered in whatever language is chosen later. */
export interface Message {
  key: AnyKey
  values?: Record<string, unknown>
}

/** What to tell a person when a member or invite action fails. */
export function peopleErrorMessage(error: unknown): Message {
  if (error instanceof NetworkError) return { key: 'common:status.networkError' }
  if (error instanceof ApiError) {
    if (error.code === 'last_facilitator') return { key: 'people:errors.lastFacilitator' }
    if (error.status === 403) return { key: 'people:errors.forbidden' }
    if (error.status === 404) return { key: 'people:errors.notFound' }
    if (error.status === 400) return { key: 'people:errors.invalid', values: { message: error.message } }
    return { key: 'people:errors.generic', values: { message: error.message } }
  }
  return { key: 'people:errors.generic', values: { message: String(error) } }
}

/** Whether the plan shown is out of date (someone changed roles or members meanwhile). */
export function planIsStale(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404 || error.code === 'last_facilitator')
}
