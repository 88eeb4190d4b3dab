import type * as Y from 'yjs'
import { allCommitments, COMMITMENT_IDS, commitmentRecordsOf } from '@hononga/shared'
import type { StepSummary } from '../plan-steps/types'

/**
 * The Commitments step, in the step list: how many records there are, and how many of the
 * six commitments still lack Police's account or any partner's assessment.
 */
export function summariseCommitments(doc: Y.Doc): StepSummary {
  const records = allCommitments(doc)
  const count = records.length
  if (count === 0) return { count, complete: false, hintKey: 'commitments.hint.none' }
  const unreviewed = COMMITMENT_IDS.filter((id) => {
    const { police, assessments } = commitmentRecordsOf(records, id)
    return police.length === 0 || assessments.length === 0
  }).length
  if (unreviewed > 0) return { count, complete: false, hintKey: 'commitments.hint.needReview', hintValues: { count: unreviewed } }
  return { count, complete: true, hintKey: 'commitments.hint.complete' }
}
