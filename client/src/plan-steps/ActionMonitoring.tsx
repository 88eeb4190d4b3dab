import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getPriorityAction, listMeasures, listProgressEntries, type ActionId, type Me, type Member } from '@hononga/shared'
import { AgreementPanel } from '../agreement/AgreementPanel'
import { CommentsPanel } from '../comments/CommentsPanel'
import { useYText } from '../editor/useYText'
import type { PlanSession } from '../sync/planSession'
import { Announcer } from './Announcer'
import { MeasureFacts } from './MeasureFacts'
import { MeasureList } from './MeasureList'
import { ProgressForm } from './ProgressForm'
import { ProgressList } from './ProgressList'
import { itemHeadingId } from './SectionItemCard'
import { StatusBadge } from './StatusBadge'
import { useYStructure } from './useYStructure'
import './monitoring.css'

/** Monitoring of one priority action: its measures, a form to report progress, and the reports. */
export function ActionMonitoring({
  actionId,
  session,
  canEdit,
  members,
  me,
  isFacilitator,
}: {
  actionId: ActionId
  session: PlanSession
  canEdit: boolean
  members: Member[]
  me: Me
  isFacilitator: boolean
}) {
  const { t } = useTranslation(['steps', 'agreement'])
  const doc = session.doc
  const action = getPriorityAction(doc, actionId)
  useYStructure(action?.map)
  const title = useYText(action?.title)
  const [announcement, setAnnouncement] = useState('')
  if (!action) return null

  const shownTitle = title.trim() || t('actions.untitled')
  const measures = listMeasures(doc, actionId)
  const entries = listProgressEntries(doc, actionId)
  const headingId = `monitoring-${itemHeadingId(actionId)}`
  return (
    <article className="card item-card monitoring-card" aria-labelledby={headingId}>
      <div className="item-card-head">
        <h3 id={headingId} className="item-card-title">
          {shownTitle}
        </h3>
        <StatusBadge status={action.status} prefix />
      </div>

      <h4>{t('monitoring.measuresHeading')}</h4>
      {measures.length === 0 && <p className="empty-note">{t('monitoring.noMeasures')}</p>}
      {canEdit ? (
        <MeasureList session={session} actionId={actionId} measures={measures} entries={entries} members={members} />
      ) : (
        measures.length > 0 && <MeasureFacts measures={measures} entries={entries} />
      )}

      <AgreementPanel
        target={{ kind: 'monitoring', id: actionId }}
        title={t('agreement:monitoringTitle', { title: shownTitle })}
        describedBy={headingId}
      />
      <CommentsPanel
        target={{ kind: 'monitoring', id: actionId }}
        title={t('agreement:monitoringTitle', { title: shownTitle })}
        describedBy={headingId}
      />

      <h4>{t('progress.heading')}</h4>
      {canEdit && (
        <ProgressForm
          actionId={actionId}
          actionTitle={shownTitle}
          measures={measures}
          onAdded={() => setAnnouncement(t('progress.added'))}
        />
      )}
      <ProgressList
        actionId={actionId}
        entries={entries}
        measures={measures}
        me={me}
        canEdit={canEdit}
        isFacilitator={isFacilitator}
        onRemoved={() => setAnnouncement(t('progress.removed'))}
      />
      <Announcer message={announcement} />
    </article>
  )
}
