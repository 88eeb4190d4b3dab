import { useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { Affiliation } from '@hononga/shared'
import { AffiliationBadge } from '../ui/Badge'
import type { PlanSession } from '../sync/planSession'
import './presence.css'

interface Participant {
  id: string
  name: string
  affiliation: Affiliation | null
  organisation: string | null
  colour: string
  step: string | null
  isMe: boolean
}

const AFFILIATIONS = new Set(['iwi', 'agency', 'police', 'community'])

/** Everyone connected to the plan, one entry per person (several tabs count once). */
function participants(session: PlanSession, myId: string): Participant[] {
  const people = new Map<string, Participant>()
  const myClient = session.doc.clientID
  for (const [clientId, state] of session.provider.awareness.getStates()) {
    const user = (state as { user?: Record<string, unknown> }).user
    if (!user) continue
    // The server writes each person's identity into their presence; ours is filled in locally.
    const id = typeof user.id === 'string' ? user.id : clientId === myClient ? myId : `client-${clientId}`
    const existing = people.get(id)
    const step = typeof (state as { step?: unknown }).step === 'string' ? (state as { step: string }).step : null
    const entry: Participant = {
      id,
      name: typeof user.name === 'string' ? user.name : '?',
      affiliation: typeof user.affiliation === 'string' && AFFILIATIONS.has(user.affiliation) ? (user.affiliation as Affiliation) : null,
      organisation: typeof user.organisation === 'string' ? user.organisation : null,
      colour: typeof user.color === 'string' ? user.color : '#4b5257',
      step: existing?.step ?? step,
      isMe: id === myId || clientId === myClient,
    }
    people.set(id, existing ? { ...existing, ...entry, affiliation: entry.affiliation ?? existing.affiliation } : entry)
  }
  return [...people.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name))
}

/** How many people show as avatars before the rest are counted ("+3"). */
const AVATARS_SHOWN = 3

/** A person's initials: the first letters of their first and last names ("Aroha Facilitator" → "AF"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  const first = [...words[0]!][0] ?? '?'
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : ''
  return (first + last).toUpperCase()
}

/** Black or white, whichever reads better on the colour (`#rrggbb`), by WCAG relative luminance. */
function textOn(colour: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)?.[1]
  if (!hex) return '#fff'
  const channel = (index: number) => {
    const value = parseInt(hex.slice(index, index + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
  // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05: take the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#fff' : '#000'
}

/**
 * Who is here now, compact: each person's initials in their colour (the colour of their
 * caret), "+3" for the rest, on a button whose accessible name says everyone's name. Activating
 * it shows the full list: name, partner affiliation and the step each person is looking at.
 */
export function PresenceList({ session, myId, stepLabel }: { session: PlanSession; myId: string; stepLabel: (step: string) => string }) {
  const { t } = useTranslation('workspace')
  const [people, setPeople] = useState(() => participants(session, myId))
  const [open, setOpen] = useState(false)
  const listId = useId()
  const container = useRef<HTMLElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const update = () => setPeople(participants(session, myId))
    update()
    session.provider.awareness.on('change', update)
    return () => session.provider.awareness.off('change', update)
  }, [session, myId])
  useEffect(() => {
    if (!open) return
    const handlePointerDown = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', handlePointerDown)
    return () => document.removeEventListener('pointerdown', handlePointerDown)
  }, [open])
  const nameOf = (person: Participant) => (person.isMe ? `${person.name} (${t('presence.you')})` : person.name)
  const shown = people.slice(0, people.length > AVATARS_SHOWN + 1 ? AVATARS_SHOWN : AVATARS_SHOWN + 1)
  const more = people.length - shown.length
  return (
    <section
      ref={container}
      className="presence"
      aria-label={t('presence.title')}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return
        event.stopPropagation()
        setOpen(false)
        button.current?.focus()
      }}
    >
      <button
        ref={button}
        type="button"
        className="presence-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="presence-avatars" aria-hidden="true">
          {shown.map((person) => (
            <span key={person.id} className="presence-avatar" style={{ background: person.colour, color: textOn(person.colour) }}>
              {initialsOf(person.name)}
            </span>
          ))}
          {more > 0 && <span className="presence-avatar presence-more">+{more}</span>}
        </span>
        <span className="visually-hidden">
          {t('presence.count', { count: people.length })}: {people.map(nameOf).join(', ')}
        </span>
      </button>
      {/* Kept in the page while closed (hidden), so that what it says is there to find. */}
      <div id={listId} className="presence-panel" hidden={!open}>
        <h2 className="presence-title">
          {/* One sentence, one key: the heading never mixes te reo Māori and English. */}
          <Trans t={t} i18nKey="presence.heading" count={people.length} components={[<span key="count" className="presence-count" />]} />
        </h2>
        <ul className="presence-list">
          {people.map((person) => (
            <li key={person.id} className="presence-person" data-person={person.name}>
              <span className="presence-avatar" aria-hidden="true" style={{ background: person.colour, color: textOn(person.colour) }}>
                {initialsOf(person.name)}
              </span>
              <span className="presence-name">
                {person.name}
                {person.isMe && ` (${t('presence.you')})`}
              </span>
              {person.affiliation && <AffiliationBadge affiliation={person.affiliation} organisation={person.organisation} />}
              {person.step && <span className="presence-step">{t('presence.onStep', { step: stepLabel(person.step) })}</span>}
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
