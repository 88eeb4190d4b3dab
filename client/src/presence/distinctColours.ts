import type { Awareness } from 'y-protocols/awareness'
import { chooseColour, colourFor, type HeldColour } from '../sync/colours'

/** The presence field holding since when a person has shown their colour (their own clock). */
const SINCE_FIELD = 'colourSince'

function heldBy(state: Record<string, unknown>): HeldColour | null {
  const user = state.user as { id?: unknown; color?: unknown } | undefined
  if (!user || typeof user.id !== 'string' || typeof user.color !== 'string') return null
  const since = state[SINCE_FIELD]
  // Someone on an older client, who never moves: their claim comes first.
  return { userId: user.id, colour: user.color, since: typeof since === 'number' ? since : 0 }
}

/**
 * Keeps this person's caret and presence colour distinct from everyone else present (no two
 * people the same colour): on every presence change it re-runs {@link chooseColour} and
 * publishes the result with the time it was taken. Returns what stops it.
 */
export function keepColourDistinct(awareness: Awareness, userId: string): () => void {
  const update = () => {
    const local = awareness.getLocalState()
    if (!local) return
    const user = (local.user ?? {}) as Record<string, unknown>
    const colour = typeof user.color === 'string' ? user.color : colourFor(userId)
    const since = typeof local[SINCE_FIELD] === 'number' ? (local[SINCE_FIELD] as number) : Date.now()
    const others: HeldColour[] = []
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue
      const held = heldBy(state)
      if (held) others.push(held)
    }
    const chosen = chooseColour({ userId, colour, since }, others)
    if (chosen.colour !== user.color || local[SINCE_FIELD] !== chosen.since) {
      awareness.setLocalState({ ...local, user: { ...user, color: chosen.colour }, [SINCE_FIELD]: chosen.since })
    }
  }
  update()
  awareness.on('change', update)
  return () => awareness.off('change', update)
}
