import * as Y from 'yjs'
import {
  contributionOf,
  getPlanRoots,
  isTxOrigin,
  ITEM_KEYS,
  measureOriginId,
  originKey,
  originOf,
  originsRoot,
  parseOriginKey,
  partnerKey,
  recordOrigin,
  recordRemoval,
  ACTION_KEYS,
  type OriginKind,
  type TxOrigin,
} from '@hononga/shared'
import type { Connection } from '../connection'
import type { PlanRoom } from '../room'
import type { HookFactory, HookHost, RoomHook } from './hook'

/** Origin of the server's attribution writes: stored and broadcast to everyone, like attendance. */
const ORIGINS_ORIGIN: TxOrigin = Object.freeze({ source: 'server', reason: 'origins' })

/** An item a transaction added or removed. */
interface ItemChange {
  kind: OriginKind
  /** The item's id; for a measure, `<actionId>/<measureId>`. */
  id: string
  added: boolean
  /** For an action added with measures already in it. */
  map?: Y.Map<unknown>
}

/** Who made a transaction: the member behind a socket, or a restore (which only brings items back). */
type Author = { connection: Connection } | { restore: true }

function authorOf(room: PlanRoom, origin: unknown): Author | null {
  if (!isTxOrigin(origin)) return null
  if (origin.source === 'restore') return { restore: true }
  if (origin.source !== 'connection') return null
  // The socket whose update this is: its identity is the server's own record of the member.
  for (const connection of room.connections) if (connection.origin === origin) return { connection }
  return null
}

function keyChanges(
  event: { changes: { keys: Map<string, { action: 'add' | 'update' | 'delete' }> } },
  each: (key: string, added: boolean) => void,
): void {
  event.changes.keys.forEach((change, key) => {
    // 'update' replaces the value under a key that stays: the item is the same item.
    if (change.action === 'add') each(key, true)
    else if (change.action === 'delete') each(key, false)
  })
}

/** The key in its parent map of a type nested in a map (an action's id, `measures`), or null. */
function keyInParent(type: { _item: Y.Item | null }): string | null {
  return type._item?.parentSub ?? null
}

/**
 * Attributes the items each device update adds or removes (issue 13 §1). Observers on the
 * focus areas, conditions and actions (with their measures) collect what a socket's
 * transaction added or removed; at the end of that transaction (`afterTransaction`, called
 * after the observers) the server writes the origins in a transaction of its own. Yjs runs it
 * right after the device's, in the same call, so the room queues both updates in the same turn
 * and the write queue stores them in the same batch: no device update is durable without its
 * attribution. Nothing in the update is trusted: who it is comes from the socket, which hui
 * from the plan's hui state. Returns the function that stops watching.
 */
export function watchContributions(room: PlanRoom, now: () => number): () => void {
  const doc = room.doc
  const roots = getPlanRoots(doc)
  let pending: ItemChange[] = []

  const collect = (kind: OriginKind) => (event: Y.YMapEvent<unknown>) => {
    if (!authorOf(room, event.transaction.origin)) return
    keyChanges(event, (id, added) => pending.push({ kind, id, added }))
  }
  const onFocusAreas = collect('focusArea')
  const onConditions = collect('condition')
  const onActions = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    // Typing inside an action reaches here on every keystroke: look at the sender only for membership changes.
    const membership = events.filter((event) => event.target === roots.actions || measuresActionId(event.target) !== null)
    if (membership.length === 0 || !authorOf(room, transaction.origin)) return
    for (const event of membership) {
      if (event.target === roots.actions) {
        keyChanges(event, (id, added) => {
          const map = roots.actions.get(id)
          pending.push({ kind: 'action', id, added, ...(added && map instanceof Y.Map ? { map } : {}) })
        })
        continue
      }
      const actionId = measuresActionId(event.target)!
      keyChanges(event, (measureId, added) => pending.push({ kind: 'measure', id: measureOriginId(actionId, measureId), added }))
    }
  }
  /** For an action's measures map (the `measures` key of a map in the actions root): the action's id. */
  const measuresActionId = (type: Y.AbstractType<unknown>): string | null => {
    const action = type.parent
    if (!(type instanceof Y.Map) || keyInParent(type) !== ACTION_KEYS.measures || action?.parent !== roots.actions) return null
    return keyInParent(action)
  }
  const onAfterTransaction = (transaction: Y.Transaction) => {
    if (pending.length === 0) return
    const changes = pending
    pending = []
    const author = authorOf(room, transaction.origin)
    if (author && !room.destroyed) write(doc, changes, author, now())
  }

  roots.focusAreas.observe(onFocusAreas)
  roots.conditions.observe(onConditions)
  roots.actions.observeDeep(onActions)
  doc.on('afterTransaction', onAfterTransaction)
  return () => {
    roots.focusAreas.unobserve(onFocusAreas)
    roots.conditions.unobserve(onConditions)
    roots.actions.unobserveDeep(onActions)
    doc.off('afterTransaction', onAfterTransaction)
  }
}

/** Writes the origins of one transaction's changes, in one server transaction. */
function write(doc: Y.Doc, changes: readonly ItemChange[], author: Author, at: number): void {
  // Who and which hui, read once for every item of the transaction (an offline week may add hundreds).
  const base = 'connection' in author ? contributionOf(doc, 'focusArea', author.connection.identity, at) : null
  /** A member's item becomes theirs (unless it has an origin); one a restore brings back keeps its own. */
  const attribute = (kind: OriginKind, id: string) => {
    const existing = base ? null : originOf(doc, kind, id)
    if (base) recordOrigin(doc, id, { ...base, kind }, ORIGINS_ORIGIN)
    else if (existing?.removedBy) recordOrigin(doc, id, existing, ORIGINS_ORIGIN)
  }
  doc.transact(() => {
    for (const change of changes) {
      if (change.added) {
        attribute(change.kind, change.id)
        // An action may arrive with its measures (made offline, pasted, brought back): they go with it.
        const measures = change.map?.get(ACTION_KEYS.measures)
        if (measures instanceof Y.Map) {
          measures.forEach((measure, measureId) => {
            if (measure instanceof Y.Map && measure.get(ITEM_KEYS.id) !== undefined) {
              attribute('measure', measureOriginId(change.id, measureId))
            }
          })
        }
        continue
      }
      // A restore contributes nothing and removes nothing in anyone's name.
      if (!('connection' in author)) continue
      const { identity } = author.connection
      const removal = { userId: identity.userId, name: identity.name, partner: partnerKey(identity.affiliation, identity.organisation), at }
      recordRemoval(doc, change.kind, change.id, removal, ORIGINS_ORIGIN)
      // An action's measures go with it.
      if (change.kind === 'action') {
        const prefix = originKey('measure', measureOriginId(change.id, ''))
        const measures = [...originsRoot(doc).keys()].filter((key) => key.startsWith(prefix))
        for (const key of measures) {
          const measure = parseOriginKey(key)
          if (measure) recordRemoval(doc, 'measure', measure.id, removal, ORIGINS_ORIGIN)
        }
      }
    }
  }, ORIGINS_ORIGIN)
}

/** The origins hook: watches each loaded plan for items its sockets add or remove. */
export class Origins implements RoomHook {
  constructor(private readonly host: Pick<HookHost, 'now'>) {}

  onLoaded(room: PlanRoom): void {
    // The observers die with the document when the room is destroyed.
    watchContributions(room, () => this.host.now())
  }
}

export function origins(): HookFactory {
  return (host) => new Origins(host)
}
