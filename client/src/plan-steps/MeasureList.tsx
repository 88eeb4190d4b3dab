import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import {
  addMeasure,
  isMeasureFrequency,
  measureOriginId,
  MEASURE_FREQUENCIES,
  measuresMapOf,
  moveMeasure,
  removeMeasure,
  updateMeasure,
  type ActionId,
  type Member,
  type MeasureId,
  type MonitoringMeasureView,
  type ProgressEntryView,
} from '@hononga/shared'
import { WritingScope } from '../editor/writingScope'
import type { PlanSession } from '../sync/planSession'
import { AddedBy } from './AddedBy'
import { Announcer } from './Announcer'
import { CommitField } from './CommitField'
import { ConfirmRemoveDialog } from './ConfirmRemoveDialog'
import { ItemControls } from './ItemControls'
import { MeasureChart } from './MeasureChart'
import { MeasureSummary } from './MeasureSummary'
import { RemovedWhileWritingNotices, useRemovedWhileWriting } from './RemovedWhileWriting'
import { itemHeadingId } from './SectionItemCard'
import { useOrderedList } from './useOrderedList'

/** A number field's text as a stored value: blank is "not set"; anything else must be a number. */
function parseNumber(text: string): number | null {
  if (text.trim() === '') return null
  const value = Number(text.replace(',', '.'))
  if (!Number.isFinite(value)) throw new Error(`Not a number: ${text}`)
  return value
}

/**
 * An action's measures, to edit in place: what is counted, from what baseline to what
 * target, in what unit, how often and by whom. Add, remove (confirmed) and reorder. A
 * measure someone else removes while this person writes in it is told, their text kept.
 */
export function MeasureList({
  session,
  actionId,
  measures,
  entries,
  members,
}: {
  session: PlanSession
  actionId: ActionId
  measures: MonitoringMeasureView[]
  entries: readonly ProgressEntryView[]
  members: Member[]
}) {
  const { t } = useTranslation('steps')
  const doc = session.doc
  const reportersId = useId()
  const writing = useRemovedWhileWriting(session, measuresMapOf(doc, actionId))
  const titleOf = (id: MeasureId) => measures.find((measure) => measure.id === id)?.name || t('monitoring.unnamed')
  const list = useOrderedList<MeasureId>({
    ids: measures.map((measure) => measure.id),
    titleOf,
    move: (id, after) => moveMeasure(doc, actionId, id, { after }),
    remove: (id) => {
      writing.removing(id)
      removeMeasure(doc, actionId, id)
    },
  })
  const update = (id: MeasureId, patch: Parameters<typeof updateMeasure>[3]) => updateMeasure(doc, actionId, id, patch)

  return (
    <div className="measure-list-block">
      <RemovedWhileWritingNotices kind="measures" removed={writing.removed} onDismiss={writing.dismiss} />
      {measures.length > 0 && (
        <ol className="measure-list">
          {measures.map((measure, index) => {
            const headingId = itemHeadingId(measure.id)
            return (
              <li key={measure.id} className="measure">
                <WritingScope
                  tracker={writing.tracker}
                  itemId={measure.id}
                  title={`${t('monitoring.number', { number: index + 1 })}: ${titleOf(measure.id)}`}
                >
                  <div className="measure-head">
                    <h5 id={headingId} className="measure-heading">
                      {t('monitoring.number', { number: index + 1 })}
                      <span className="visually-hidden">: {titleOf(measure.id)}</span>
                    </h5>
                    <ItemControls
                      index={index}
                      total={measures.length}
                      describedBy={headingId}
                      restoreFocus={list.restoreFocusFor(measure.id)}
                      onFocusRestored={list.handleFocusRestored}
                      onMove={(direction) => list.handleMove(measure.id, direction)}
                      onRemove={() => list.askRemove(measure.id)}
                    />
                  </div>
                  <div className="measure-fields">
                    <CommitField
                      className="measure-name"
                      label={t('monitoring.measureName')}
                      value={measure.name}
                      placeholder={t('monitoring.measureNamePlaceholder')}
                      autoFocus={list.added === measure.id}
                      onCommit={(name) => update(measure.id, { name })}
                    />
                    <CommitField
                      label={t('monitoring.baseline')}
                      type="number"
                      step="any"
                      inputMode="decimal"
                      value={measure.baseline === null ? '' : String(measure.baseline)}
                      onCommit={(text) => update(measure.id, { baseline: parseNumber(text) })}
                    />
                    <CommitField
                      label={t('monitoring.target')}
                      type="number"
                      step="any"
                      inputMode="decimal"
                      value={measure.target === null ? '' : String(measure.target)}
                      onCommit={(text) => update(measure.id, { target: parseNumber(text) })}
                    />
                    <CommitField
                      label={t('monitoring.unit')}
                      value={measure.unit}
                      placeholder={t('monitoring.unitPlaceholder')}
                      onCommit={(unit) => update(measure.id, { unit })}
                    />
                    <div className="field">
                      <label htmlFor={`${headingId}-frequency`}>{t('monitoring.frequency')}</label>
                      <select
                        id={`${headingId}-frequency`}
                        value={measure.frequency}
                        onChange={(event) => {
                          if (isMeasureFrequency(event.target.value)) update(measure.id, { frequency: event.target.value })
                        }}
                      >
                        {MEASURE_FREQUENCIES.map((frequency) => (
                          <option key={frequency} value={frequency}>
                            {t(`frequency.${frequency}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <CommitField
                      label={t('monitoring.reporter')}
                      value={measure.reporter}
                      list={reportersId}
                      autoComplete="off"
                      onCommit={(reporter) => update(measure.id, { reporter })}
                    />
                  </div>
                  {/* Below the fields: who added a measure matters less than its name (on a projector, the name is on screen first). */}
                  <AddedBy doc={doc} kind="measure" id={measureOriginId(actionId, measure.id)} />
                  <MeasureSummary measure={measure} entries={entries} />
                  <MeasureChart measure={measure} entries={entries} />
                </WritingScope>
              </li>
            )
          })}
        </ol>
      )}
      <datalist id={reportersId}>
        {members.map((member) => (
          <option key={member.userId} value={member.name} />
        ))}
      </datalist>
      <button
        ref={list.addButton}
        type="button"
        className="btn btn-secondary add-button"
        onClick={() => list.handleAdded(addMeasure(doc, actionId, { name: '' }))}
      >
        <span aria-hidden="true">+</span> {t('monitoring.addMeasure')}
      </button>
      <Announcer message={list.announcement} />
      <ConfirmRemoveDialog
        open={list.removing !== null}
        title={list.removing !== null ? t('monitoring.removeMeasureTitle', { title: titleOf(list.removing) }) : ''}
        onCancel={() => list.askRemove(null)}
        onConfirm={list.handleConfirmRemove}
      >
        <p>{t('monitoring.removeMeasureBody')}</p>
      </ConfirmRemoveDialog>
    </div>
  )
}
