import * as Y from 'yjs'
import {
  getPlanRoots,
  listConditions,
  listFocusAreas,
  listMeasures,
  listPriorityActions,
  RESULTS_CHAIN,
  type PriorityActionView,
} from '@hononga/shared'
import type { KeyIn } from '../i18n/keys'
import type { StepSummary } from './types'

/**
 * Completeness of each ROCC step, computed from the plan document alone (no React), so the
 * workspace can show every step's progress at a glance. Each summary names the first thing
 * still missing, in the order a hui would work through it.
 */

function isBlank(text: string): boolean {
  return text.trim() === ''
}

/**
 * Whether a rich text holds no words: blank like `fragmentToPlainText(...).trim() === ''`,
 * but stopping at the first word instead of converting the whole text. The summaries run on
 * every frame someone types in, over every action of the plan.
 */
export function isBlankRichText(fragment: Y.XmlFragment): boolean {
  const pending: unknown[] = fragment.toArray()
  // Bounded: a rich text of a plan is far smaller than this many nodes.
  for (let visited = 0; pending.length > 0 && visited < 100_000; visited++) {
    const node = pending.pop()
    if (node instanceof Y.XmlText) {
      const delta = node.toDelta() as { insert?: unknown }[]
      if (delta.some((op) => typeof op.insert === 'string' && op.insert.trim() !== '')) return false
    } else if (node instanceof Y.XmlElement) {
      pending.push(...node.toArray())
    }
  }
  return true
}

function missing(key: KeyIn<'steps'>, count: number, of: number): StepSummary {
  return { count: of, complete: false, hintKey: key, hintValues: { count } }
}

/** Step 1: at least one focus area, and every focus area has a title. */
export function summariseFocusAreas(doc: Y.Doc): StepSummary {
  const focusAreas = listFocusAreas(doc)
  const count = focusAreas.length
  if (count === 0) return { count, complete: false, hintKey: 'focusAreas.hint.addOne' }
  const untitled = focusAreas.filter((focusArea) => isBlank(focusArea.title.toString())).length
  if (untitled > 0) return missing('focusAreas.hint.needTitle', untitled, count)
  return { count, complete: true, hintKey: 'focusAreas.hint.complete' }
}

/** Step 2: the environment is described, and there is at least one condition for success. */
export function summariseEnvironment(doc: Y.Doc): StepSummary {
  const count = listConditions(doc).length
  if (isBlankRichText(getPlanRoots(doc).environment)) {
    return { count, complete: false, hintKey: 'environment.hint.describe' }
  }
  if (count === 0) return { count, complete: false, hintKey: 'environment.hint.addCondition' }
  return { count, complete: true, hintKey: 'environment.hint.complete' }
}

/** The checks of a priority action, in the order the hint reports them. */
const ACTION_CHECKS: { key: KeyIn<'steps'>; isMissing: (action: PriorityActionView) => boolean }[] = [
  { key: 'actions.hint.needTitle', isMissing: (action) => isBlank(action.title.toString()) },
  ...RESULTS_CHAIN.map((step) => ({
    key: `actions.hint.need.${step}` as const,
    isMissing: (action: PriorityActionView) => isBlankRichText(action[step]),
  })),
  { key: 'actions.hint.needLead', isMissing: (action) => isBlank(action.lead) },
  { key: 'actions.hint.needDueDate', isMissing: (action) => action.dueDate === null },
]

/**
 * Step 3: at least one priority action, and every action has a title, all four parts of its
 * results chain, a lead and a due date.
 */
export function summariseActions(doc: Y.Doc): StepSummary {
  const actions = listPriorityActions(doc)
  const count = actions.length
  if (count === 0) return { count, complete: false, hintKey: 'actions.hint.addOne' }
  for (const check of ACTION_CHECKS) {
    const lacking = actions.filter(check.isMissing).length
    if (lacking > 0) return missing(check.key, lacking, count)
  }
  return { count, complete: true, hintKey: 'actions.hint.complete' }
}

/** Step 4: every priority action has at least one measure. Counts measures. */
export function summariseMonitoring(doc: Y.Doc): StepSummary {
  const actions = listPriorityActions(doc)
  const measureCounts = actions.map((action) => listMeasures(doc, action.id).length)
  const count = measureCounts.reduce((sum, n) => sum + n, 0)
  if (actions.length === 0) return { count, complete: false, hintKey: 'monitoring.hint.addActionsFirst' }
  const unmeasured = measureCounts.filter((n) => n === 0).length
  if (unmeasured > 0) return missing('monitoring.hint.needMeasure', unmeasured, count)
  return { count, complete: true, hintKey: 'monitoring.hint.complete' }
}
