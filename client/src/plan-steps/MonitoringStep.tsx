import { useTranslation } from 'react-i18next'
import { getPlanRoots, listPriorityActions } from '@hononga/shared'
import { ActionMonitoring } from './ActionMonitoring'
import { StepSection } from './StepSection'
import type { StepProps } from './types'
import { useCollectionOrder } from './useYStructure'

/**
 * ROCC step 4: how each priority action is monitored (measures, who reports, how often) and
 * the progress reported over time.
 */
export function MonitoringStep({ session, canEdit, members, me }: StepProps) {
  const { t } = useTranslation('steps')
  const doc = session.doc
  useCollectionOrder(getPlanRoots(doc).actions)
  const actions = listPriorityActions(doc)
  const isFacilitator = members.some((member) => member.userId === me.id && member.role === 'facilitator')
  return (
    <StepSection labelKey="steps.monitoring" step="monitoring">
      {actions.length === 0 ? (
        <p className="empty-note">{t('monitoring.noActions')}</p>
      ) : (
        <ul className="item-list">
          {actions.map((action) => (
            <li key={action.id}>
              <ActionMonitoring actionId={action.id} session={session} canEdit={canEdit} members={members} me={me} isFacilitator={isFacilitator} />
            </li>
          ))}
        </ul>
      )}
    </StepSection>
  )
}
