import type { ComponentType } from 'react'
import type * as Y from 'yjs'
import type { Me, Member } from '@hononga/shared'
import type { KeyIn } from '../i18n/keys'
import type { PlanSession } from '../sync/planSession'

/** The four ROCC steps and the co-design commitments (issue 13 §5), as they appear in addresses (`/plans/:id/:step`). */
export type StepId = 'focus-areas' | 'environment' | 'actions' | 'monitoring' | 'commitments'

/** What every step's component gets from the workspace. */
export interface StepProps {
  session: PlanSession
  /** Whether this person may change the plan (facilitators and editors). */
  canEdit: boolean
  members: Member[]
  me: Me
}

/**
 * How far a step has got: how many items it holds, whether it looks finished, and what is
 * missing. `hintKey` is a key of the `steps` namespace whose text needs no values (it says
 * "Some actions need an outcome"); `hintValues`, when given, holds how many, for the plural
 * forms of the same key ("2 actions need an outcome").
 */
export interface StepSummary {
  count: number
  complete: boolean
  hintKey: KeyIn<'steps'>
  hintValues?: { count: number }
}

/** One ROCC step: its address, its name (a key of `common`), its screen and its summary. */
export interface StepDefinition {
  id: StepId
  labelKey: KeyIn<'common'>
  Component: ComponentType<StepProps>
  summarise(doc: Y.Doc): StepSummary
}
