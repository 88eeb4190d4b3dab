import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ActionId, Me, MonitoringMeasureView, ProgressBody, ProgressEntryView } from '@hononga/shared'
import type { OutboxCommand } from '../sync/outbox'
import { PendingNote } from '../sync/PendingNote'
import { useOutbox, useOutboxCommands } from '../sync/useOutbox'
import { Button } from '../ui/Button'
import { ConfirmRemoveDialog } from './ConfirmRemoveDialog'
import { formatDate } from './format'
import { useMeasureValue } from './MeasureSummary'
import { StatusBadge } from './StatusBadge'

/**
 * The progress reported on an action, newest first, after my reports still on their way
 * (from the outbox, marked pending). A person may remove their own entries (a facilitator,
 * anyone's); nobody edits an entry: it is a record of what was reported.
 */
export function ProgressList({
  actionId,
  entries,
  measures,
  me,
  canEdit,
  isFacilitator,
  onRemoved,
}: {
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
  const outbox = useOutbox()
  const reports = useOutboxCommands(outbox, ['addProgress'], (command) => command.params.actionId === actionId)
  const removals = useOutboxCommands(outbox, ['deleteProgress'], (command) => command.params.actionId === actionId)
  if (entries.length === 0 && reports.length === 0) return <p className="empty-note">{t('progress.none')}</p>
  const newestFirst = [...entries].reverse()
  const removalOf = (entryId: string) => removals.find((command) => command.params.entryId === entryId) ?? null

  const handleConfirm = () => {
    if (removing && outbox) {
      void outbox.enqueue({
        name: 'deleteProgress',
        params: { actionId, entryId: removing.id },
        summary: { key: 'summary.deleteProgress', values: { date: formatDate(removing.date, i18n.language) } },
      })
    }
    setRemoving(null)
    onRemoved()
  }

  return (
    <>
      <ul className="progress-list">
        {outbox &&
          [...reports].reverse().map((command) => <PendingReport key={command.key} command={command} measures={measures} me={me} />)}
        {newestFirst.map((entry) => {
          const reported = measures.filter((measure) => entry.values[measure.id] !== undefined)
          const removal = removalOf(entry.id)
          const mayRemove = canEdit && !removal && (isFacilitator || (entry.authorId !== null && entry.authorId === me.id))
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
              {removal && outbox && (
                <p className="progress-pending">
                  {t('progress.removing')} <PendingNote outbox={outbox} command={removal} describedBy={headingId} />
                </p>
              )}
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

/** A report of mine the server has not recorded yet (or refused): what it says, and that it is pending. */
function PendingReport({ command, measures, me }: { command: OutboxCommand; measures: MonitoringMeasureView[]; me: Me }) {
  const { t, i18n } = useTranslation('steps')
  const show = useMeasureValue()
  const outbox = useOutbox()
  const report = command.body as ProgressBody
  const reported = measures.filter((measure) => report.values[measure.id] !== undefined)
  const headingId = `progress-${command.key}`
  return (
    <li
      className={`progress-entry ${command.status === 'refused' ? 'outbox-refused-item' : 'outbox-pending-item'}`}
      data-pending-progress={command.status}
    >
      <div className="progress-entry-head">
        <p id={headingId} className="progress-entry-title">
          <strong>{formatDate(report.date, i18n.language)}</strong>{' '}
          <span className="progress-author">{t('progress.by', { name: me.name })}</span>
        </p>
        {report.status && <StatusBadge status={report.status} prefix />}
      </div>
      {reported.length > 0 && (
        <ul className="progress-values">
          {reported.map((measure) => (
            <li key={measure.id}>
              {measure.name || t('monitoring.unnamed')}: <strong>{show(report.values[measure.id] ?? null, measure.unit)}</strong>
            </li>
          ))}
        </ul>
      )}
      {report.note && <p className="progress-note">{report.note}</p>}
      {outbox && (
        <p className="progress-pending">
          <PendingNote outbox={outbox} command={command} describedBy={headingId} />
        </p>
      )}
    </li>
  )
}
