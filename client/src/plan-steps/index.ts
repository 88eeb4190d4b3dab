/**
 * The four ROCC steps of a plan, edited together live. The workspace renders a tab per step
 * from {@link STEPS} (with each step's count and what is missing) and the active step's
 * Component.
 */
import { CommitmentsStep } from '../commitments/CommitmentsStep'
import { summariseCommitments } from '../commitments/summary'
import { ActionsStep } from './ActionsStep'
import { EnvironmentStep } from './EnvironmentStep'
import { FocusAreasStep } from './FocusAreasStep'
import { MonitoringStep } from './MonitoringStep'
import { summariseActions, summariseEnvironment, summariseFocusAreas, summariseMonitoring } from './summaries'
import type { StepDefinition } from './types'

export type { StepId, StepProps, StepSummary, StepDefinition } from './types'

/** The ROCC steps in the order a hui works through them. */
export const STEPS: StepDefinition[] = [
  { id: 'focus-areas', labelKey: 'steps.focusAreas', Component: FocusAreasStep, summarise: summariseFocusAreas },
  { id: 'environment', labelKey: 'steps.environment', Component: EnvironmentStep, summarise: summariseEnvironment },
  { id: 'actions', labelKey: 'steps.actions', Component: ActionsStep, summarise: summariseActions },
  { id: 'monitoring', labelKey: 'steps.monitoring', Component: MonitoringStep, summarise: summariseMonitoring },
  // Not a ROCC step: the partners' review of Police's commitments, kept beside the plan and reviewed at each hui.
  { id: 'commitments', labelKey: 'steps.commitments', Component: CommitmentsStep, summarise: summariseCommitments },
]
