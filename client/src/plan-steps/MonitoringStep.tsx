import { useTranslation } from 'react-i18next'
import { getPlanRoots, listPriorityActions } from '@hononga/shared'
import { WritingScope } from '../editor/writingScope'
import { ActionMonitoring } from './ActionMonitoring'
import { RemovedWhileWritingNotices, useRemovedWhileWriting } from './RemovedWhileWriting'
import { StepSection } from './StepSection'
import type { StepProps } from './types'
import { useCollectionOrder } from './useYStructure'

/**
 * ROCC step 4: how each priority action is monitored (measures, who reports, how often) and
 * the progress reported over time. An action someone else removes while this person writes
 * in its measures is told, their text kept.
 */
export function MonitoringStep({ session, canEdit, members, me }: StepProps) {
  const { t } = useTranslation('steps')
  const doc = session.doc
  useCollectionOrder(getPlanRoots(doc).actions)
  const writing = useRemovedWhileWriting(session, getPlanRoots(doc).actions)
  const actions = listPriorityActions(doc)
  const isFacilitator = members.some((member) => member.userId === me.id && member.role === 'facilitator')
  return (
    <StepSection labelKey="steps.monitoring" step="monitoring">
      <RemovedWhileWritingNotices kind="actions" removed={writing.removed} onDismiss={writing.dismiss} />
      {actions.length === 0 ? (
        <p className="empty-note">{t('monitoring.noActions')}</p>
      ) : (
        <ul className="item-list">
          {actions.map((action) => (
            <li key={action.id}>
              <WritingScope tracker={writing.tracker} itemId={action.id} title={action.title.toString().trim() || t('actions.untitled')}>
                <ActionMonitoring
                  actionId={action.id}
                  session={session}
                  canEdit={canEdit}
                  members={members}
                  me={me}
                  isFacilitator={isFacilitator}
                />
              </WritingScope>
            </li>
          ))}
        </ul>
      )}
    </StepSection>
  )
}
