import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { HUI_RESPONSES, newId, type HuiResponse, type ScheduledHuiList, type ScheduledHuiView } from '@hononga/shared'
import { api, ApiError, commands } from '../api/client'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { Notice } from '../ui/Notice'
import { ScheduleForm } from './ScheduleForm'
import { aucklandText } from './scheduleText'
import './schedule.css'

type View = { kind: 'list' } | { kind: 'form'; existing?: ScheduledHuiView }

/**
 * "Upcoming hui" in the workspace's hui buttons: every member sees the plan's scheduled hui
 * (date and time in Aotearoa, place, online link) and says whether they are coming;
 * facilitators schedule, change, cancel, and start one with its agenda.
 */
export function UpcomingHuiButton({
  planId,
  isFacilitator,
  online,
  huiActive,
}: {
  planId: string
  isFacilitator: boolean
  online: boolean
  huiActive: boolean
}) {
  const { t } = useTranslation('schedule')
  const { t: tc } = useTranslation('common')
  const [open, setOpen] = useState(false)
  const [view, setView] = useState<View>({ kind: 'list' })
  const [list, setList] = useState<ScheduledHuiList | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const load = useCallback(() => {
    api
      .listScheduledHui(planId)
      .then((answer) => {
        setList(answer)
        setProblem(null)
      })
      .catch((caught: unknown) => setProblem(caught instanceof ApiError ? caught.message : tc('status.networkError')))
  }, [planId, tc])

  useEffect(() => {
    if (online) load()
  }, [load, online])

  /** Runs a change, then shows the list as the server has it. */
  const act = async (change: () => Promise<unknown>) => {
    setProblem(null)
    try {
      await change()
    } catch (caught) {
      setProblem(caught instanceof ApiError ? t('failed', { message: caught.message }) : tc('status.networkError'))
    }
    load()
  }

  const upcoming = list?.upcoming ?? []
  const close = () => {
    setOpen(false)
    setView({ kind: 'list' })
  }
  return (
    <>
      <Button
        onClick={() => {
          load()
          setOpen(true)
        }}
      >
        {t('button')}
        {upcoming.length > 0 && (
          <>
            <span className="count-badge" aria-hidden="true">
              {upcoming.length}
            </span>
            <span className="visually-hidden"> ({upcoming.length})</span>
          </>
        )}
      </Button>
      <Dialog open={open} title={t('dialogTitle')} onClose={close}>
        {view.kind === 'form' ? (
          <ScheduleForm
            planId={planId}
            existing={view.existing}
            onBack={() => setView({ kind: 'list' })}
            onDone={() => {
              setView({ kind: 'list' })
              load()
            }}
          />
        ) : (
          <>
            {problem && <Notice kind="error">{problem}</Notice>}
            {isFacilitator && (
              <Button variant="primary" disabled={!online} onClick={() => setView({ kind: 'form' })}>
                {t('schedule')}
              </Button>
            )}
            {list && upcoming.length === 0 && <p>{t('none')}</p>}
            <ul className="schedule-list">
              {upcoming.map((hui) => (
                <li key={hui.id}>
                  <HuiCard
                    hui={hui}
                    isFacilitator={isFacilitator}
                    online={online}
                    huiActive={huiActive}
                    onAnswer={(response) => void act(() => api.answerScheduledHui(planId, hui.id, response))}
                    onChange={() => setView({ kind: 'form', existing: hui })}
                    onCancel={() => {
                      if (window.confirm(t('cancelConfirm', { title: hui.title }))) void act(() => api.cancelScheduledHui(planId, hui.id))
                    }}
                    onStart={() =>
                      void act(async () => {
                        await commands.huiStart(planId, { scheduledHuiId: hui.id }, newId())
                        close()
                      })
                    }
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </Dialog>
    </>
  )
}

/** One scheduled hui: when, where, the link, "Coming?", and the facilitator's controls. */
function HuiCard({
  hui,
  isFacilitator,
  online,
  huiActive,
  onAnswer,
  onChange,
  onCancel,
  onStart,
}: {
  hui: ScheduledHuiView
  isFacilitator: boolean
  online: boolean
  huiActive: boolean
  onAnswer: (response: HuiResponse) => void
  onChange: () => void
  onCancel: () => void
  onStart: () => void
}) {
  const { t, i18n } = useTranslation('schedule')
  const start = aucklandText(hui.startsAt, i18n.language)
  const end = aucklandText(hui.endsAt, i18n.language)
  const headingId = `hui-${hui.id}-title`
  return (
    <article className="schedule-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{hui.title}</h3>
      <p>{t('when', { date: start.date, start: start.time, end: end.time })}</p>
      {hui.place && <p>{t('place', { place: hui.place })}</p>}
      {hui.onlineUrl && (
        <p>
          <a href={hui.onlineUrl} target="_blank" rel="noreferrer noopener">
            {t('online')}
          </a>
        </p>
      )}
      {hui.agenda.length > 0 && (
        <ol className="schedule-agenda">
          {hui.agenda.map((item, i) => (
            <li key={i}>
              {item.title || item.kind}
              {item.durationMinutes !== null && ` (${item.durationMinutes} min)`}
            </li>
          ))}
        </ol>
      )}
      <fieldset className="schedule-answer">
        <legend>{t('coming')}</legend>
        {HUI_RESPONSES.map((response) => (
          <Button
            key={response}
            variant={hui.myResponse === response ? 'primary' : 'secondary'}
            aria-pressed={hui.myResponse === response}
            disabled={!online}
            onClick={() => onAnswer(response)}
          >
            {t(`answers.${response}`)}
          </Button>
        ))}
        <span className="schedule-counts">{t('counts', hui.counts)}</span>
      </fieldset>
      {isFacilitator && (
        <div className="schedule-actions">
          <Button disabled={!online} onClick={onChange}>
            {t('change')}
          </Button>
          <Button variant="danger" disabled={!online} onClick={onCancel}>
            {t('cancelHui')}
          </Button>
          <Button variant="primary" disabled={!online || huiActive} title={t('startHint')} onClick={onStart}>
            {t('start')}
          </Button>
        </div>
      )}
    </article>
  )
}
