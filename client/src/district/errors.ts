import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, NetworkError } from '../api/client'

/**
 * What went wrong, in words for the person: the server's own message for an answer it gave
 * (`{ error: { code, message } }`), "cannot reach the server" when offline, else a plain error.
 * The same function until the language changes, so effects may depend on it.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('common')
  return useCallback(
    (error: unknown) =>
      error instanceof NetworkError ? t('status.networkError') : error instanceof ApiError ? error.message : t('status.error'),
    [t],
  )
}

/** Whether a failed request was answered "not found" (not in the group, not an administrator). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404
}
