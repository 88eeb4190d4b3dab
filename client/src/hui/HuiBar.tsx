import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { PHONE_SCREEN, useMediaQuery } from '../ui/useMediaQuery'
import { useAgendaTitle } from './useAgendaTitle'
import type { HuiModel } from './useHui'
import { HuiTimer } from './HuiTimer'
import { CurrentItemNotes } from './notes/CurrentItemNotes'
import { useStickyBarHeight } from './useStickyBarHeight'
import './hui.css'

/**
 * The bar at the top of the workspace while a hui runs, the same for everyone: the current
 * agenda item and its timer, the whole agenda with the current item marked, following the
 * facilitator, and (for facilitators) moving through the agenda, the timer and ending the hui.
 * It stays on screen (sticky) at every width while people scroll or follow the facilitator to
 * an item, which is scrolled to just below it (`useStickyBarHeight`). After a facilitator ends
 * the hui, it offers them the minutes.
 */
export function HuiBar({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  const headingId = useId()
  const followId = useId()
  const { state, current } = hui
  // On a phone, or a short screen (a projector at 150% zoom), the whole agenda folds away.
  const phone = useMediaQuery(`${PHONE_SCREEN}, (max-height: 40rem)`)
  const currentTitle = current ? titleOf(current) : null
  const barRef = useStickyBarHeight(state.active)

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
    <section ref={barRef} className="hui-bar" aria-labelledby={headingId} data-current-item={current?.id ?? ''}>
      <div className="hui-bar-main">
        <h2 id={headingId} className="hui-bar-title">
          <span className="hui-live-dot" aria-hidden="true" />
          {t('bar.title')}
        </h2>
        {/* At most two lines where room is short (hui.css), the whole title in its tooltip and accessible text. */}
        <p className="hui-current" title={currentTitle ?? undefined}>
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

      {current && (
        // Folded by default, so the bar stays a couple of lines tall; open, the notes are written together live.
        <details className="hui-notes-fold">
          <summary>{t('bar.notes')}</summary>
          <CurrentItemNotes hui={hui} />
        </details>
      )}
      {hui.agenda.length > 0 &&
        (phone ? (
          // There the whole agenda would push the plan off the screen: it folds away.
          <details className="hui-agenda-fold">
            <summary>{t('bar.wholeAgenda', { count: hui.agenda.length })}</summary>
            <AgendaStrip hui={hui} folded />
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

/** Minutes the facilitator's "+5 min" adds to the current item. */
const EXTEND_MINUTES = 5

/**
 * A control's words: in full, and on a phone a short form on screen (the full words stay its
 * accessible name), so the sticky bar stays a couple of lines tall.
 */
function Label({ long, short }: { long: string; short: string }) {
  return (
    <>
      <span className="hui-label-long">{long}</span>
      <span className="hui-label-short" aria-hidden="true">
        {short}
      </span>
    </>
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
        <span aria-hidden="true">←</span> <Label long={t('bar.previous')} short={t('bar.previousShort')} />
      </Button>
      <Button
        variant="primary"
        className="btn-small"
        disabled={!hui.next || blocked}
        aria-describedby={describedBy}
        onClick={() => hui.next && hui.goTo(hui.next)}
      >
        <Label long={t('bar.next')} short={t('bar.nextShort')} /> <span aria-hidden="true">→</span>
      </Button>
      {hasTimer && (
        <>
          <Button
            className="btn-small"
            disabled={blocked}
            aria-describedby={describedBy}
            onClick={() => hui.timer(paused ? 'resume' : 'pause')}
          >
            {paused ? (
              <Label long={t('timer.resume')} short={t('timer.resumeShort')} />
            ) : (
              <Label long={t('timer.pause')} short={t('timer.pauseShort')} />
            )}
          </Button>
          <Button
            className="btn-small"
            disabled={blocked}
            aria-describedby={describedBy}
            onClick={() => hui.timer('extend', EXTEND_MINUTES)}
          >
            <Label long={t('timer.extend', { count: EXTEND_MINUTES })} short={t('timer.extendShort', { count: EXTEND_MINUTES })} />
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

/**
 * The whole agenda, the current item marked; facilitators can jump to any item. One scrolling
 * line in the bar, or `folded` away on a phone (where it wraps).
 */
function AgendaStrip({ hui, folded = false }: { hui: HuiModel; folded?: boolean }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  const { state } = hui
  const list = useRef<HTMLOListElement>(null)
  // The strip is one scrolling line: keep the current item in sight (without moving the page).
  useEffect(() => {
    const strip = list.current
    const item = strip?.querySelector<HTMLElement>('[aria-current]')
    if (!strip || !item) return
    strip.scrollLeft = item.offsetLeft - (strip.clientWidth - item.offsetWidth) / 2
  }, [state.currentItemId])
  return (
    <nav className="hui-agenda" aria-label={t('bar.agendaLabel')}>
      {/* Without buttons inside (participants), the scrolling line takes focus itself, to scroll by keyboard. */}
      <ol ref={list} className="hui-agenda-list" tabIndex={hui.isFacilitator || folded ? undefined : 0}>
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
