import { MAX_COMMENT_LENGTH } from '@hononga/shared'

interface Resolvable {
  resolved: boolean
}

/** Threads still open (shown) and resolved ones (collapsed under "Resolved (n)"), order kept. */
export function splitThreads<T extends Resolvable>(threads: readonly T[]): { open: T[]; resolved: T[] } {
  return { open: threads.filter((t) => !t.resolved), resolved: threads.filter((t) => t.resolved) }
}

export type CommentProblem = 'empty' | 'tooLong'

/** What is wrong with a message about to be sent, or null. */
export function commentProblem(text: string): CommentProblem | null {
  const trimmed = text.trim()
  if (trimmed === '') return 'empty'
  if (trimmed.length > MAX_COMMENT_LENGTH) return 'tooLong'
  return null
}
