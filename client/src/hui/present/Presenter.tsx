import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { canEdit, canFacilitate, getPlanMeta, type PlanDetail } from '@hononga/shared'
import { isConnected } from '../../sync/outbox'
import type { PlanSession } from '../../sync/planSession'
import { useDocValue } from '../../sync/useDocValue'
import { useSyncState } from '../../sync/useY'
import { Button } from '../../ui/Button'
import { Notice } from '../../ui/Notice'
import { useDocumentTitle } from '../../ui/useDocumentTitle'
import { stepOfEntry, type AgendaEntry } from '../agenda'
import { HuiTimer } from '../HuiTimer'
import { useAgendaTitle } from '../useAgendaTitle'
import { useHuiCommands } from '../useHuiCommands'
import { useHuiDocument } from '../useHuiDocument'
import { ItemPositions } from './ItemPositions'
import { PresentedItem } from './PresentedItem'
import { agendaKeyDelta, agendaStep, presentedPlace } from './presentView'
import { FullScreenButton, usePresentingPage } from './usePresentingPage'

/**
 * The presentation itself: the item in large type, the hui's timer and "Next" always on screen,
 * the partners' positions, and the way back. A facilitator's arrow keys move the hui (the
 * huiAdvance command, and everyone following in the workspace goes to the item's step); anyone
 * else's move only this screen, which says so and offers the way back to the current item.
 * A polite live region says each new item; keyboard focus stays on the item.
 */
export function Presenter({ planId, plan, session }: { planId: string; plan: PlanDetail; session: PlanSession }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  const [, navigate] = useLocation()
  const hui = useHuiDocument(session.doc)
  const online = isConnected(useSyncState(session))
  const isFacilitator = canFacilitate(plan.role) && canEdit(plan.role)
  const commands = useHuiCommands(planId, session)
  const planTitle = useDocValue(session.doc, (doc) => getPlanMeta(doc).title?.toString() ?? '') || plan.title
  const { state, agenda } = hui

  // Where this screen looked on its own (followers), for this hui only.
  const [own, setOwn] = useState<{ huiId: string | null; id: string } | null>(null)
  const ownId = own && own.huiId === state.huiId ? own.id : null
  const place = presentedPlace(agenda, state.active ? state.currentItemId : null, ownId)
  const entry = place.entry
  const title = entry ? titleOf(entry) : null
  const step = entry ? stepOfEntry(entry) : null
  const backPath = `/plans/${encodeURIComponent(planId)}${step ? `/${step}` : ''}`

  useDocumentTitle(t('present.pageTitle', { title: title ?? planTitle }))
  usePresentingPage()
  useEffect(() => {
    if (step) session.setLocation(step)
  }, [session, step])

  const itemRegion = useRef<HTMLElement>(null)
  useEffect(() => itemRegion.current?.focus(), [])

  // Say the item shown whenever it changes (by the hui or by this screen's own move).
  const [announcement, setAnnouncement] = useState('')
  const announced = useRef<string | null>(null)
  useEffect(() => {
    if (!entry || announced.current === entry.id) return
    const first = announced.current === null
    announced.current = entry.id
    // On opening, the focused item region is read out already.
    if (!first) setAnnouncement(t('present.announced', { number: place.index + 1, total: agenda.length, title }))
  }, [entry, title, place.index, agenda.length, t])

  const move = (delta: -1 | 1) => {
    if (!state.active) return
    if (isFacilitator) {
      const target = agendaStep(agenda, state.currentItemId, delta)
      if (!target || !online || commands.busy) return
      setOwn(null)
      void commands.advance(target.id)
      // Everyone following in the workspace goes where the hui now is.
      const targetStep = stepOfEntry(target)
      if (targetStep) commands.shareFocus(targetStep, target.target)
      return
    }
    const target = agendaStep(agenda, entry?.id ?? null, delta)
    if (!target) return
    setOwn(target.id === state.currentItemId ? null : { huiId: state.huiId, id: target.id })
  }
  const moveRef = useRef(move)
  moveRef.current = move
  const backRef = useRef(backPath)
  backRef.current = backPath

  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
      const target = event.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog')) return
      if (event.key === 'Escape') {
        event.preventDefault()
        navigate(backRef.current)
        return
      }
      const delta = agendaKeyDelta(event.key)
      if (delta === null) return
      event.preventDefault()
      moveRef.current(delta)
    }
    document.addEventListener('keydown', handleKey)
    return () => document.removeEventListener('keydown', handleKey)
  }, [navigate])

  const headingId = useId()
  const reasonId = useId()
  const blocked = isFacilitator && (!online || commands.busy)
  const previousTarget = agendaStep(agenda, isFacilitator ? state.currentItemId : (entry?.id ?? null), -1)
  const nextTarget = agendaStep(agenda, isFacilitator ? state.currentItemId : (entry?.id ?? null), 1)

  return (
    <div className="present" data-item={entry?.id ?? ''} data-on-current={place.onCurrent ? 'true' : 'false'}>
      <header className="present-top">
        <Link href={backPath} className="present-back">
          <span aria-hidden="true">← </span>
          {t('present.back')}
        </Link>
        <p className="present-plan">{planTitle}</p>
        <p className="present-keys">{isFacilitator ? t('present.keys') : t('present.keysFollower')}</p>
        <FullScreenButton />
      </header>

      <section ref={itemRegion} className="present-item" aria-labelledby={headingId} tabIndex={0}>
        {!state.active ? (
          <>
            <h1 id={headingId} className="present-title">
              {planTitle}
            </h1>
            <Notice kind="info">{state.endedAt ? t('present.ended') : t('present.noHui')}</Notice>
          </>
        ) : !entry ? (
          <>
            <h1 id={headingId} className="present-title">
              {planTitle}
            </h1>
            <p className="present-empty">{t('present.noAgenda')}</p>
          </>
        ) : (
          <>
            <p className="present-position">{t('present.position', { number: place.index + 1, total: agenda.length })}</p>
            <h1 id={headingId} className="present-title">
              {title}
            </h1>
            <PresentedItem entry={entry} />
          </>
        )}
      </section>

      {state.active && entry && !place.onCurrent && hui.current && (
        <OwnViewNotice
          current={hui.current}
          onBack={() => {
            setOwn(null)
            itemRegion.current?.focus()
          }}
        />
      )}
      {state.active && entry?.target && <ItemPositions target={entry.target} title={title ?? ''} />}

      {state.active && (
        <footer className="present-bottom">
          <div className="present-now">
            {!place.onCurrent && hui.current && (
              <span className="present-now-label">
                {t('present.nowLabel')}: {titleOf(hui.current)}
              </span>
            )}
            <HuiTimer state={state} entry={hui.current} large />
          </div>
          <p className="present-next">{place.next ? t('present.next', { title: titleOf(place.next) }) : t('present.nextNone')}</p>
          <div className="present-moves">
            <Button
              className="btn-small"
              disabled={!previousTarget || blocked}
              aria-describedby={isFacilitator && !online ? reasonId : undefined}
              onClick={() => move(-1)}
            >
              <span aria-hidden="true">← </span>
              {t('present.previous')}
            </Button>
            <Button
              variant="primary"
              className="btn-small"
              disabled={!nextTarget || blocked}
              aria-describedby={isFacilitator && !online ? reasonId : undefined}
              onClick={() => move(1)}
            >
              {t('present.nextButton')}
              <span aria-hidden="true"> →</span>
            </Button>
          </div>
          {isFacilitator && !online && (
            <p id={reasonId} className="present-note">
              {t('control.needsConnection')}
            </p>
          )}
          {commands.problem && <Notice kind="error">{commands.problem}</Notice>}
        </footer>
      )}
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
    </div>
  )
}

/** A follower looking elsewhere on their own: where the hui is, and the way back to it. */
function OwnViewNotice({ current, onBack }: { current: AgendaEntry; onBack: () => void }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  return (
    <p className="present-own">
      {t('present.viewingOwn', { title: titleOf(current) })}{' '}
      <Button className="btn-small" onClick={onBack}>
        {t('present.backToCurrent')}
      </Button>
    </p>
  )
}
