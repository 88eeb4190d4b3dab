import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  ACTION_STATUSES,
  isActionStatus,
  isIsoDate,
  type ActionId,
  type ActionStatus,
  type MonitoringMeasureView,
  type ProgressBody,
} from '@hononga/shared'
import { useOutbox } from '../sync/useOutbox'
import { Notice } from '../ui/Notice'
import { todayIso } from './format'

/**
 * Reports progress on an action: the day it is for, a value per measure (any may be left
 * blank), the action's status as the reporter sees it, and a note. The report is a command:
 * the server writes it whole, in this person's name, and nobody edits it afterwards (remove
 * and add again). Until recorded it shows in the list from the outbox, as pending.
 */
export function ProgressForm({
  actionId,
  actionTitle,
  measures,
  onAdded,
}: {
  actionId: ActionId
  actionTitle: string
  measures: MonitoringMeasureView[]
  onAdded: () => void
}) {
  const { t } = useTranslation('steps')
  const outbox = useOutbox()
  const id = useId()
  const [date, setDate] = useState(todayIso)
  const [values, setValues] = useState<Record<string, string>>({})
  const [status, setStatus] = useState<ActionStatus | ''>('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!isIsoDate(date)) {
      setError(t('progress.errorDate'))
      return
    }
    const numbers: Record<string, number> = {}
    for (const measure of measures) {
      const text = values[measure.id]?.trim() ?? ''
      if (text === '') continue
      const value = Number(text.replace(',', '.'))
      if (!Number.isFinite(value)) {
        setError(t('progress.errorValue', { measure: measure.name || t('monitoring.unnamed') }))
        return
      }
      numbers[measure.id] = value
    }
    if (Object.keys(numbers).length === 0 && !status && note.trim() === '') {
      setError(t('progress.errorEmpty'))
      return
    }
    if (!outbox) {
      setError(t('progress.errorSave'))
      return
    }
    const body: ProgressBody = { date, values: numbers, status: status || null, ...(note.trim() ? { note: note.trim() } : {}) }
    outbox
      .enqueue({
        name: 'addProgress',
        params: { actionId },
        body,
        summary: { key: 'summary.addProgress', values: { date, title: actionTitle } },
      })
      .catch(() => setError(t('progress.errorSave')))
    setError(null)
    setValues({})
    setStatus('')
    setNote('')
    onAdded()
  }

  return (
    <form className="progress-form" onSubmit={handleSubmit} noValidate>
      <fieldset>
        <legend>{t('progress.formLegend')}</legend>
        {error && <Notice kind="error">{error}</Notice>}
        <div className="progress-form-fields">
          <div className="field">
            <label htmlFor={`${id}-date`}>{t('progress.date')}</label>
            <input id={`${id}-date`} type="date" required value={date} onChange={(event) => setDate(event.target.value)} />
          </div>
          {measures.map((measure) => (
            <div className="field" key={measure.id}>
              <label htmlFor={`${id}-${measure.id}`}>
                {t('progress.valueFor', { measure: measure.name || t('monitoring.unnamed') })}
                {measure.unit && <span className="field-unit"> ({measure.unit})</span>}
              </label>
              <input
                id={`${id}-${measure.id}`}
                type="number"
                step="any"
                inputMode="decimal"
                value={values[measure.id] ?? ''}
                onChange={(event) => setValues((current) => ({ ...current, [measure.id]: event.target.value }))}
              />
            </div>
          ))}
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('progress.status')}</label>
            <select
              id={`${id}-status`}
              value={status}
              onChange={(event) => setStatus(isActionStatus(event.target.value) ? event.target.value : '')}
            >
              <option value="">{t('progress.noStatus')}</option>
              {ACTION_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {t(`status.${option}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('progress.note')}</label>
          <textarea id={`${id}-note`} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary">
          {t('progress.add')}
        </button>
      </fieldset>
    </form>
  )
}
