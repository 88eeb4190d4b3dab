import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HuiState } from '@hononga/shared'
import type { AgendaEntry } from './agenda'
import { timerWords } from './timerText'
import { useAgendaTitle } from './useAgendaTitle'
import { useNow } from './useNow'
import './hui.css'

/**
 * The current item's timer, ticking once a second on each device from the shared start time
 * (standing still while paused). Over time it says by how many minutes, in its own style, and
 * says so aloud once (a polite status) when the item runs over: role=timer is not a live
 * region, so screen readers read the clock when asked, never every second. `large` is the
 * presentation's size.
 */
export function HuiTimer({ state, entry, large = false }: { state: HuiState; entry: AgendaEntry | null; large?: boolean }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  const now = useNow(state.active && entry !== null && state.timerPausedAt === null)
  const words = timerWords(state, entry, now)

  const [announcement, setAnnouncement] = useState('')
  const announced = useRef<string | null>(null)
  const overKey = words?.kind === 'over' ? words.overKey : null
  const entryTitle = entry ? titleOf(entry) : ''
  useEffect(() => {
    if (overKey === null || announced.current === overKey) return
    announced.current = overKey
    setAnnouncement(t('timer.overAnnounced', { title: entryTitle }))
  }, [overKey, entryTitle, t])

  const size = large ? ' hui-timer-large' : ''
  return (
    <>
      {!words ? (
        <p className={`hui-timer hui-timer-none${size}`}>{t('timer.none')}</p>
      ) : (
        <p
          className={`hui-timer hui-timer-${words.kind}${words.paused ? ' hui-timer-paused' : ''}${size}`}
          role="timer"
          data-paused={words.paused ? 'true' : undefined}
          data-kind={words.kind}
        >
          {words.kind === 'over' && (
            <span className="hui-timer-mark" aria-hidden="true">
              !
            </span>
          )}
          {words.paused && <strong className="hui-timer-paused-label">{t('timer.paused')} · </strong>}
          {words.kind === 'over'
            ? words.minutes === 0
              ? t('timer.timeUp')
              : t('timer.overMinutes', { count: words.minutes })
            : t(`timer.${words.kind}`, { clock: words.clock })}
        </p>
      )}
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
    </>
  )
}
