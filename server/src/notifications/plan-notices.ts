import type * as Y from 'yjs'
import { allAgreedMarks, getHuiState, toPlanJson } from '@hononga/shared'
import type { Logger } from '../log'
import type { Repos } from '../repos/types'
import { recordChangedSinceAgreed } from './changed'
import { recordPositionNeeded } from './position-needed'

/**
 * The notifications a plan's document itself tells of (`changed-since-agreed`, and
 * `position-needed` while a hui runs), recorded with its derived tables (server.ts): at most
 * every 2 s while it is edited, idempotent by dedupe key. A failure is logged, never thrown,
 * so the tracker rows beside it are not held up.
 */
export async function recordPlanNotices(
  repos: Pick<Repos, 'notifications' | 'members'>,
  log: Logger,
  planId: string,
  doc: Y.Doc,
  at: number,
): Promise<void> {
  try {
    // Most edits happen with nothing agreed and no hui running: decided from the document
    // before rendering the whole plan, which this runs after every burst of edits.
    if (allAgreedMarks(doc).length === 0 && !getHuiState(doc).active) return
    const plan = toPlanJson(doc)
    await recordChangedSinceAgreed(repos, planId, plan, at)
    await recordPositionNeeded(repos, planId, plan, at)
  } catch (error) {
    log.error({ event: 'notifications.plan_notices_failed', planId, err: error }, 'could not record a plan’s notifications')
  }
}
