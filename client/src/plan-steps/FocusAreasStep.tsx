import { SectionItemList } from './SectionItemList'
import { StepSection } from './StepSection'
import type { StepProps } from './types'

/** ROCC step 1: the issues the community wants the plan to focus on. */
export function FocusAreasStep({ session, canEdit }: StepProps) {
  return (
    <StepSection labelKey="steps.focusAreas" step="focusAreas">
      <SectionItemList kind="focusAreas" session={session} canEdit={canEdit} />
    </StepSection>
  )
}
