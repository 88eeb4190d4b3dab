import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ScheduledHuiView } from '@hononga/shared'
import { api, ApiError } from '../api/client'
import { Button } from '../ui/Button'
import { TextAreaField, TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { agendaToLines, aucklandFields, parseAgendaLines } from './scheduleText'

/**
 * Scheduling a hui, or changing one (facilitators): date, start and end in Aotearoa time,
 * place or marae, an online link, and the agenda as lines. The server checks everything
 * again (a time skipped by daylight saving, an https link) and its refusal is shown here.
 */
export function ScheduleForm({
  planId,
  existing,
  onDone,
  onBack,
}: {
  planId: string
  /** The hui to change; absent to schedule a new one. */
  existing?: ScheduledHuiView
  onDone: () => void
  onBack: () => void
}) {
  const { t } = useTranslation('schedule')
  const { t: tc } = useTranslation('common')
  const start = existing ? aucklandFields(existing.startsAt) : null
  const [title, setTitle] = useState(existing?.title ?? '')
  const [date, setDate] = useState(start?.date ?? '')
  const [startTime, setStartTime] = useState(start?.time ?? '10:00')
  const [endTime, setEndTime] = useState(existing ? aucklandFields(existing.endsAt).time : '12:00')
  const [place, setPlace] = useState(existing?.place ?? '')
  const [onlineUrl, setOnlineUrl] = useState(existing?.onlineUrl ?? '')
  const [agenda, setAgenda] = useState(existing ? agendaToLines(existing.agenda) : '')
  const [errors, setErrors] = useState<{ date?: string; time?: string; url?: string }>({})
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const found = {
      ...(date === '' ? { date: t('errors.date') } : {}),
      ...(startTime === '' || endTime === '' || endTime <= startTime ? { time: t('errors.time') } : {}),
      ...(onlineUrl.trim() !== '' && !onlineUrl.trim().startsWith('https://') ? { url: t('errors.url') } : {}),
    }
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const body = {
      date,
      start: startTime,
      end: endTime,
      place: place.trim() || null,
      onlineUrl: onlineUrl.trim() || null,
      agenda: parseAgendaLines(agenda),
      ...(title.trim() ? { title: title.trim() } : {}),
    }
    setBusy(true)
    setProblem(null)
    try {
      if (existing) await api.changeScheduledHui(planId, existing.id, body)
      else await api.scheduleHui(planId, body)
      onDone()
    } catch (caught) {
      setProblem(caught instanceof ApiError ? t('failed', { message: caught.message }) : tc('status.networkError'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="schedule-form" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <h3>{existing ? t('changeTitle') : t('formTitle')}</h3>
      {problem && <Notice kind="error">{problem}</Notice>}
      <TextField label={t('fields.title')} value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      <div className="schedule-form-times">
        <TextField
          label={t('fields.date')}
          type="date"
          required
          value={date}
          error={errors.date}
          onChange={(event) => setDate(event.target.value)}
        />
        <TextField
          label={t('fields.start')}
          type="time"
          required
          value={startTime}
          hint={t('fields.timeHint')}
          error={errors.time}
          onChange={(event) => setStartTime(event.target.value)}
        />
        <TextField label={t('fields.end')} type="time" required value={endTime} onChange={(event) => setEndTime(event.target.value)} />
      </div>
      <TextField label={t('fields.place')} value={place} maxLength={200} onChange={(event) => setPlace(event.target.value)} />
      <TextField
        label={t('fields.onlineUrl')}
        type="url"
        inputMode="url"
        value={onlineUrl}
        maxLength={500}
        error={errors.url}
        onChange={(event) => setOnlineUrl(event.target.value)}
      />
      <TextAreaField
        label={t('fields.agenda')}
        hint={t('fields.agendaHint')}
        rows={5}
        value={agenda}
        onChange={(event) => setAgenda(event.target.value)}
      />
      <p className="schedule-note">{t('mailNote')}</p>
      <div className="schedule-actions">
        <Button type="button" onClick={onBack}>
          {t('cancelForm')}
        </Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('saving') : existing ? t('saveChange') : t('submit')}
        </Button>
      </div>
    </form>
  )
}
