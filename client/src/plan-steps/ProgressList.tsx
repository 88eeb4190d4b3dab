import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { removeProgressEntry, type ActionId, type Me, type MonitoringMeasureView, type ProgressEntryView } from '@hononga/shared'
import type * as Y from 'yjs'
import { Button } from '../ui/Button'
import { ConfirmRemoveDialog } from './ConfirmRemoveDialog'
import { formatDate } from './format'
import { useMeasureValue } from './MeasureSummary'
import { StatusBadge } from './StatusBadge'

/**
 * The progress reported on an action, newest first. A person may remove their own entries
 * (a facilitator, anyone's); nobody edits an entry: it is a record of what was reported.
 */
export function ProgressList({
  doc,
  actionId,
  entries,
  measures,
  me,
  canEdit,
  isFacilitator,
  onRemoved,
}: {
  doc: Y.Doc
  actionId: ActionId
  /** Oldest first, as the plan lists them. */
  entries: readonly ProgressEntryView[]
  measures: MonitoringMeasureView[]
  me: Me
  canEdit: boolean
  isFacilitator: boolean
  onRemoved: () => void
}) {
  const { t, i18n } = useTranslation('steps')
  const show = useMeasureValue()
  const [removing, setRemoving] = useState<ProgressEntryView | null>(null)
  if (entries.length === 0) return <p className="empty-note">{t('progress.none')}</p>
  const newestFirst = [...entries].reverse()

  const handleConfirm = () => {
    if (removing) removeProgressEntry(doc, actionId, removing.id)
    setRemoving(null)
    onRemoved()
  }

  return (
    <>
      <ul className="progress-list">
        {newestFirst.map((entry) => {
          const reported = measures.filter((measure) => entry.values[measure.id] !== undefined)
          const mayRemove = canEdit && (isFacilitator || (entry.authorId !== null && entry.authorId === me.id))
          const headingId = `progress-${entry.id}`
          return (
            <li key={entry.id} className="progress-entry">
              <div className="progress-entry-head">
                <p id={headingId} className="progress-entry-title">
                  <strong>{formatDate(entry.date, i18n.language)}</strong>{' '}
                  <span className="progress-author">{t('progress.by', { name: entry.authorName || t('progress.someone') })}</span>
                </p>
                {entry.status && <StatusBadge status={entry.status} prefix />}
                {mayRemove && (
                  <Button variant="quiet" className="btn-small btn-remove" aria-describedby={headingId} onClick={() => setRemoving(entry)}>
                    {t('common.remove')}
                  </Button>
                )}
              </div>
              {reported.length > 0 && (
                <ul className="progress-values">
                  {reported.map((measure) => (
                    <li key={measure.id}>
                      {measure.name || t('monitoring.unnamed')}: <strong>{show(entry.values[measure.id] ?? null, measure.unit)}</strong>
                    </li>
                  ))}
                </ul>
              )}
              {entry.note && <p className="progress-note">{entry.note}</p>}
            </li>
          )
        })}
      </ul>
      <ConfirmRemoveDialog
        open={removing !== null}
        title={removing ? t('progress.removeTitle', { date: formatDate(removing.date, i18n.language) }) : ''}
        onCancel={() => setRemoving(null)}
        onConfirm={handleConfirm}
      />
    </>
  )
}
