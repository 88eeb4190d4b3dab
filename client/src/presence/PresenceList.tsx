import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
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

/**
 * Who is here now: name, a colour swatch matching their caret, their partner affiliation,
 * and which step they are looking at.
 */
export function PresenceList({ session, myId, stepLabel }: { session: PlanSession; myId: string; stepLabel: (step: string) => string }) {
  const { t } = useTranslation('workspace')
  const [people, setPeople] = useState(() => participants(session, myId))
  useEffect(() => {
    const update = () => setPeople(participants(session, myId))
    update()
    session.provider.awareness.on('change', update)
    return () => session.provider.awareness.off('change', update)
  }, [session, myId])
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence-title">
        {t('presence.title')} <span className="presence-count">({t('presence.count', { count: people.length })})</span>
      </h2>
      <ul className="presence-list">
        {people.map((person) => (
          <li key={person.id} className="presence-person" data-person={person.name}>
            <svg className="presence-swatch" width="12" height="12" aria-hidden="true" focusable="false">
              <circle cx="6" cy="6" r="6" fill={person.colour} />
            </svg>
            <span className="presence-name">
              {person.name}
              {person.isMe && ` (${t('presence.you')})`}
            </span>
            {person.affiliation && <AffiliationBadge affiliation={person.affiliation} organisation={person.organisation} />}
            {person.step && <span className="presence-step">{t('presence.onStep', { step: stepLabel(person.step) })}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
