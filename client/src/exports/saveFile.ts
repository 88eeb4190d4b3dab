import { ApiError, NetworkError } from '../api/client'

/** Saves `text` as a file through the browser's download (content the server already handed over). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Some browsers start the download after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * Why a print or download through the server did not happen, as a word the page puts into a
 * sentence: offline (it needs a connection, so that it can be recorded in the plan's access
 * log), not recorded (the server could not write the log entry: no record, no copy), not found,
 * or another failure.
 */
export type LeaveProblem = 'offline' | 'notRecorded' | 'notFound' | 'failed'

export function leaveProblem(error: unknown): LeaveProblem {
  if (error instanceof NetworkError) return 'offline'
  if (error instanceof ApiError && error.status === 503) return 'notRecorded'
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return 'notFound'
  return 'failed'
}
