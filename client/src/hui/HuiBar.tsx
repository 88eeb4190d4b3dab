import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import type { HuiState } from '@hononga/shared'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { PHONE_SCREEN, useMediaQuery } from '../ui/useMediaQuery'
import { readTimer, type AgendaEntry } from './agenda'
import { useAgendaTitle } from './useAgendaTitle'
import type { HuiModel } from './useHui'
import { useNow } from './useNow'
import './hui.css'

/**
 * The bar at the top of the workspace while a hui runs, the same for everyone: the current
 * agenda item and its timer, the whole agenda with the current item marked, following the
 * facilitator, and (for facilitators) moving through the agenda and ending the hui. After a
 * facilitator ends the hui, it offers them the minutes.
 */
export function HuiBar({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  const headingId = useId()
  const followId = useId()
  const { state, current } = hui
  const phone = useMediaQuery(PHONE_SCREEN)
  const currentTitle = current ? titleOf(current) : null

  // Say the new item when it changes (once), never the timer's every second.
  const [itemAnnouncement, setItemAnnouncement] = useState('')
  const announcedItem = useRef<string | null>(null)
  useEffect(() => {
    if (!state.active || !current || announcedItem.current === current.id) return
    announcedItem.current = current.id
    setItemAnnouncement(t('bar.nowAnnounced', { title: currentTitle }))
  }, [state.active, current, currentTitle, t])

  if (!state.active) return hui.ended || hui.endedWhileHere ? <HuiEnded hui={hui} /> : null

  return (
    <section className="hui-bar" aria-labelledby={headingId} data-current-item={current?.id ?? ''}>
      <div className="hui-bar-main">
        <h2 id={headingId} className="hui-bar-title">
          <span className="hui-live-dot" aria-hidden="true" />
          {t('bar.title')}
        </h2>
        <p className="hui-current">
          <span className="hui-current-label">{t('bar.now')}</span>{' '}
          <strong className="hui-current-title">{currentTitle ?? t('bar.noItem')}</strong>
          {current && <HuiProgress hui={hui} />}
        </p>
        <HuiTimer state={state} entry={current} />
        {hui.isFacilitator && <FacilitatorControls hui={hui} />}
      </div>
      {hui.problem && <Notice kind="error">{hui.problem}</Notice>}

      <div className="hui-follow">
        {hui.leading && <p className="hui-follow-note">{t('follow.leading')}</p>}
        {hui.canFollow && (
          <>
            <div className="hui-follow-toggle">
              <input id={followId} type="checkbox" checked={hui.following} onChange={(event) => hui.setFollowing(event.target.checked)} />
              <label htmlFor={followId}>{t('follow.label')}</label>
            </div>
            {!hui.following && (
              <p className="hui-follow-note">
                {t('follow.onYourOwn')}
                <span aria-hidden="true"> · </span>
                <Button variant="quiet" className="btn-small hui-follow-again" onClick={() => hui.setFollowing(true)}>
                  {t('follow.again')}
                </Button>
              </p>
            )}
            {hui.isFacilitator && (
              <Button className="btn-small" onClick={hui.leadHere}>
                {t('follow.leadHere')}
              </Button>
            )}
          </>
        )}
      </div>

      {hui.agenda.length > 0 &&
        (phone ? (
          // On a phone the whole agenda would push the plan off the screen: it folds away.
          <details className="hui-agenda-fold">
            <summary>{t('bar.wholeAgenda', { count: hui.agenda.length })}</summary>
            <AgendaStrip hui={hui} />
          </details>
        ) : (
          <AgendaStrip hui={hui} />
        ))}
      <div role="status" className="visually-hidden">
        {itemAnnouncement}
      </div>
      <div role="status" className="visually-hidden">
        {hui.announcement}
      </div>
    </section>
  )
}

/**
 * A facilitator's controls: previous / next item, the timer (pause, resume, five more
 * minutes) and ending the hui. They act on the server at once, so they need a connection:
 * while offline they are disabled and say why.
 */
function FacilitatorControls({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const reasonId = useId()
  const offline = !hui.online
  const blocked = offline || hui.busy
  const describedBy = offline ? reasonId : undefined
  const paused = hui.state.timerPausedAt !== null
  const hasTimer = hui.current !== null
  return (
    <div className="hui-bar-controls">
      <Button
        className="btn-small"
        disabled={!hui.previous || blocked}
        aria-describedby={describedBy}
        onClick={() => hui.previous && hui.goTo(hui.previous)}
      >
        <span aria-hidden="true">←</span> {t('bar.previous')}
      </Button>
      <Button
        variant="primary"
        className="btn-small"
        disabled={!hui.next || blocked}
        aria-describedby={describedBy}
        onClick={() => hui.next && hui.goTo(hui.next)}
      >
        {t('bar.next')} <span aria-hidden="true">→</span>
      </Button>
      {hasTimer && (
        <>
          <Button
            className="btn-small"
            disabled={blocked}
            aria-describedby={describedBy}
            onClick={() => hui.timer(paused ? 'resume' : 'pause')}
          >
            {paused ? t('timer.resume') : t('timer.pause')}
          </Button>
          <Button className="btn-small" disabled={blocked} aria-describedby={describedBy} onClick={() => hui.timer('extend', 5)}>
            {t('timer.extend', { count: 5 })}
          </Button>
        </>
      )}
      <Button variant="danger" className="btn-small" disabled={offline} aria-describedby={describedBy} onClick={() => hui.setPanel('end')}>
        {t('end.button')}
      </Button>
      {offline && (
        <p id={reasonId} className="hui-offline-note">
          {t('control.needsConnection')}
        </p>
      )}
    </div>
  )
}

/** The whole agenda, the current item marked; facilitators can jump to any item. */
function AgendaStrip({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  const { state } = hui
  return (
    <nav className="hui-agenda" aria-label={t('bar.agendaLabel')}>
      <ol className="hui-agenda-list">
        {hui.agenda.map((entry, index) => {
          const isCurrent = entry.id === state.currentItemId
          const label = (
            <>
              <span className="hui-agenda-number" aria-hidden="true">
                {index + 1}
              </span>
              <span>{titleOf(entry)}</span>
              {entry.durationMinutes !== null && (
                <span className="hui-agenda-minutes">{t('agenda.minutesShort', { count: entry.durationMinutes })}</span>
              )}
              {isCurrent && <span className="visually-hidden"> ({t('bar.currentItem')})</span>}
            </>
          )
          return (
            <li
              key={entry.id}
              className={isCurrent ? 'hui-agenda-item current' : 'hui-agenda-item'}
              aria-current={isCurrent ? 'step' : undefined}
            >
              {hui.isFacilitator && !isCurrent ? (
                <button type="button" className="hui-agenda-go" disabled={!hui.online || hui.busy} onClick={() => hui.goTo(entry)}>
                  <span className="visually-hidden">{t('bar.goTo')} </span>
                  {label}
                </button>
              ) : (
                <span className="hui-agenda-static">{label}</span>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

/** "Item 3 of 8". */
function HuiProgress({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const index = hui.agenda.findIndex((entry) => entry.id === hui.state.currentItemId)
  if (index < 0) return null
  return <span className="hui-current-position"> {t('bar.position', { number: index + 1, total: hui.agenda.length })}</span>
}

/**
 * The current item's timer, ticking once a second on each device from the shared start
 * time (standing still while paused). Over time, it says by how much. role=timer is not a
 * live region: screen readers read it when asked, not every second.
 */
function HuiTimer({ state, entry }: { state: HuiState; entry: AgendaEntry | null }) {
  const { t } = useTranslation('hui')
  const now = useNow(state.active && entry !== null && state.timerPausedAt === null)
  const reading = readTimer(state, entry, now)
  if (!reading) return <p className="hui-timer hui-timer-none">{t('timer.none')}</p>
  return (
    <p
      className={`hui-timer hui-timer-${reading.kind}${reading.paused ? ' hui-timer-paused' : ''}`}
      role="timer"
      data-paused={reading.paused ? 'true' : undefined}
    >
      {reading.kind === 'over' && (
        <span className="hui-timer-mark" aria-hidden="true">
          !{' '}
        </span>
      )}
      {reading.paused && <strong className="hui-timer-paused-label">{t('timer.paused')} · </strong>}
      {t(`timer.${reading.kind}`, { clock: reading.clock })}
    </p>
  )
}

/** After the hui ends: for the facilitator who ended it, the way to its minutes; for everyone, that it ended. */
function HuiEnded({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const ended = hui.ended
  return (
    <div className="notice notice-success hui-ended" role="status">
      <p>{ended ? t('end.done', { label: ended.snapshot.label }) : t('end.endedByOther')}</p>
      <div className="hui-ended-actions">
        {ended && (
          <Link className="btn btn-primary btn-small" href={`/plans/${hui.planId}/minutes/${ended.snapshot.id}`}>
            {t('minutes.open')}
          </Link>
        )}
        <Button variant="quiet" className="btn-small" onClick={hui.dismissEnded}>
          {t('end.dismiss')}
        </Button>
      </div>
    </div>
  )
}
