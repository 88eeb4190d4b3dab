import * as decoding from 'lib0/decoding'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import {
  ACKS_QUERY_PARAM,
  CloseCode,
  getPlanRoots,
  isTerminalCloseCode,
  LOCAL_ORIGIN,
  MessageType,
  RestoreRecord,
  restoresRoot,
  SCHEMA_QUERY_PARAM,
  SCHEMA_VERSION,
  SyncMessageType,
  toPlanJson,
} from '@hononga/shared'
import { localCopyName, markUnsaved } from './localCopies'
import { keepNotSavedCopy, type NotSavedCopy } from './notSavedCopies'

/**
 * Refusals after which this device keeps what the person wrote as a "not saved" copy and
 * rejoins the plan as the server has it: the server refused (or could not apply) an edit the
 * device holds, so the device's copy can never sync again as it is.
 */
export const KEEP_AND_REJOIN_CODES: ReadonlySet<number> = new Set<number>([
  CloseCode.EditRefused,
  CloseCode.EditFailed,
  CloseCode.PlanTooLarge,
])

/**
 * What a person needs to know about their plan's connection, at a glance:
 * - `loading`: nothing to show yet (no copy on this device, not yet synced);
 * - `saved`: connected, up to date, and the server has stored every change made here;
 * - `saving`: connected; some changes made here are on their way to being stored;
 * - `offline`: this device has no network; changes are kept on this device;
 * - `reconnecting`: the network is there but the server is not (yet) reachable;
 * - `refused`: the server will not serve this plan to this person (see the close code).
 */
export type SyncState =
  | { kind: 'loading' }
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'offline'; unsaved: boolean; hasLocalCopy: boolean }
  | { kind: 'reconnecting'; unsaved: boolean; code: number | null }
  | { kind: 'refused'; code: number }

/** A restore record this session has just seen, and whether to tell the person about it. */
export interface SeenRestore {
  record: RestoreRecord
  announce: boolean
}

export interface PlanSessionOptions {
  planId: string
  userId: string
  userName: string
  colour: string
  /** Where the server is; defaults to this page's host. */
  wsBase?: string
}

/**
 * Whether undo may delete an item it inserted. Like y-tiptap's history, undo never deletes a
 * paragraph or a run of rich text that holds text: someone else may have typed into the
 * paragraph this person created, and undo must not take their words with it.
 */
function keepsOthersWriting(item: Y.Item): boolean {
  if (!(item.content instanceof Y.ContentType)) return true
  const type = item.content.type
  const protectedType = type instanceof Y.XmlText || (type instanceof Y.XmlElement && type.nodeName === 'paragraph')
  return !protectedType || type.length === 0
}

/** Is this outgoing frame a sync step 2 or an update: what the server counts and acknowledges? */
function isEditMessage(data: unknown): boolean {
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null
  return (
    bytes !== null &&
    bytes.length > 1 &&
    bytes[0] === MessageType.Sync &&
    (bytes[1] === SyncMessageType.Step2 || bytes[1] === SyncMessageType.Update)
  )
}

/**
 * One open plan in the browser: the Yjs document, its copy on this device (IndexedDB, so a
 * plan opened once keeps working with no connection), the connection to the server (the
 * stock y-websocket provider, asking for acknowledgements), presence, and the person's own
 * undo history (never anyone else's changes).
 */
export class PlanSession {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly local: IndexeddbPersistence
  /**
   * This person's one undo history for the whole plan: items, titles, fields and rich text
   * (the editors write with y-tiptap's origin, and keep no history of their own), so undo
   * survives an editor closing and "Undo" covers every kind of field.
   */
  readonly undoManager: Y.UndoManager
  /** The y-protocols permission-denied message arrived: the server refuses this person's edits. */
  editsRefused = false
  /** `editsRefused` as the subscribers last saw it. */
  private refusedShown = false
  hasLocalCopy = false
  everSynced = false

  /** Edit frames sent on the current socket, and how many the server has acknowledged. */
  private readonly counts = { sent: 0, acked: 0 }
  private unsavedEarlier: boolean
  private lastCloseCode: number | null = null
  private terminalCode: number | null = null
  private state: SyncState = { kind: 'loading' }
  private readonly listeners = new Set<() => void>()
  private readonly restoreListeners = new Set<(restore: SeenRestore) => void>()
  private readonly cleanups: (() => void)[] = []

  constructor(private readonly options: PlanSessionOptions) {
    getPlanRoots(this.doc)
    const name = localCopyName(options.userId, options.planId)
    this.unsavedEarlier = globalThis.localStorage?.getItem(`${name}:unsaved`) === '1'
    this.local = new IndexeddbPersistence(name, this.doc)
    void this.local.whenSynced.then(() => {
      // A copy that holds the plan's meta is a real copy, not an empty database.
      this.hasLocalCopy = getPlanRoots(this.doc).meta.size > 0
      this.refresh()
    })

    const counts = this.counts
    const onSent = () => this.refresh()
    // The stock WebSocket, counting the edit frames it sends: the server acknowledges the
    // same count once their effects are stored. Counts are per socket, like the server's.
    class CountingWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols)
        counts.sent = 0
        counts.acked = 0
      }
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        if (isEditMessage(data)) {
          counts.sent++
          onSent()
        }
        super.send(data)
      }
    }

    const wsBase = options.wsBase ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`
    this.provider = new WebsocketProvider(wsBase, options.planId, this.doc, {
      params: { [SCHEMA_QUERY_PARAM]: String(SCHEMA_VERSION), [ACKS_QUERY_PARAM]: '1' },
      WebSocketPolyfill: CountingWebSocket,
      // Tabs of one plan sync through the server, not through BroadcastChannel: an edit built
      // on another tab's edit before that tab's socket delivered it would reach the server
      // ahead of what it builds on, and the server refuses such an update (EditRefused).
      disableBc: true,
      maxBackoffTime: 5_000,
    })
    this.provider.messageHandlers[MessageType.Ack] = (_encoder, decoder) => {
      const count = decoding.readVarUint(decoder)
      if (count > this.counts.acked) this.counts.acked = count
      this.refresh()
    }
    this.provider.messageHandlers[MessageType.Auth] = () => {
      this.editsRefused = true
      this.refresh()
    }
    this.provider.on('status', () => this.refresh())
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.everSynced = true
      this.refresh()
    })
    this.provider.on('connection-close', (event) => {
      if (event) this.lastCloseCode = event.code
      // Whatever was sent on that socket and not acknowledged is unsaved until the next
      // socket's sync step 2 (which carries it again) is acknowledged.
      if (this.counts.sent > this.counts.acked) this.setUnsavedEarlier(true)
      this.refresh()
    })
    this.provider.on('closed', ({ code }) => {
      if (isTerminalCloseCode(code)) this.terminalCode = code
      this.refresh()
    })

    const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || origin === this.local) return
      if (!this.provider.wsconnected) this.setUnsavedEarlier(true)
      this.refresh()
    }
    this.doc.on('update', onDocUpdate)
    this.cleanups.push(() => this.doc.off('update', onDocUpdate))

    const onNetwork = () => {
      if (!navigator.onLine) {
        // The device lost its network: the socket is dead even if nothing noticed yet.
        // Stop trying until the network is back; edits go on into the local copy.
        this.provider.disconnect()
      } else if (this.terminalCode === null) {
        // Reconnect at once when the network returns, instead of waiting out the backoff.
        this.provider.disconnect()
        this.provider.connect()
      }
      this.refresh()
    }
    window.addEventListener('online', onNetwork)
    window.addEventListener('offline', onNetwork)
    this.cleanups.push(() => {
      window.removeEventListener('online', onNetwork)
      window.removeEventListener('offline', onNetwork)
    })

    this.provider.awareness.setLocalStateField('user', { name: options.userName, color: options.colour })
    this.undoManager = new Y.UndoManager(Object.values(getPlanRoots(this.doc)), {
      trackedOrigins: new Set<unknown>([LOCAL_ORIGIN, ySyncPluginKey]),
      captureTimeout: 600,
      // As y-tiptap's own history: an editor's change marked not for history stays out.
      captureTransaction: (transaction) => transaction.meta.get('addToHistory') !== false,
      deleteFilter: keepsOthersWriting,
    })
    this.watchRestores()
  }

  /**
   * Calls `listener` when a restore record arrives (the server writes one on every restore).
   * Every undo history bound to this plan must be cleared then: undoing an edit the restore
   * wrote over would re-insert its text beside the restored text, for everyone.
   */
  onRestore(listener: (restore: SeenRestore) => void): () => void {
    this.restoreListeners.add(listener)
    return () => this.restoreListeners.delete(listener)
  }

  /**
   * The plan as this device holds it now, in a document of its own that outlives the
   * session: what the person wrote, kept after a refusal while the session starts afresh.
   */
  detachedCopy(): Y.Doc {
    const copy = new Y.Doc()
    getPlanRoots(copy)
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc))
    return copy
  }

  /** Tells others which step (or item) this person is looking at. */
  setLocation(step: string): void {
    this.provider.awareness.setLocalStateField('step', step)
  }

  getState = (): SyncState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Asks the server again after a refusal (e.g. after signing in again). */
  retry(): void {
    this.terminalCode = null
    this.provider.connect()
    this.refresh()
  }

  /**
   * The plan takes this person's edits again (restored from the archive, the deletion undone,
   * made an editor again): a fresh socket, on which the server applies its current view of
   * them, and the page editable again. Anything written meanwhile on this device is sent then.
   */
  allowEditsAgain(): void {
    if (!this.editsRefused) return
    this.editsRefused = false
    if (this.terminalCode === null) {
      this.provider.disconnect()
      this.provider.connect()
    }
    this.refresh()
  }

  /**
   * Forgets this device's copy of the plan (after the server refused an edit it holds, so
   * that reloading fetches the plan as the server has it instead of resending the refusal).
   */
  async discardLocalCopy(): Promise<void> {
    const name = localCopyName(this.options.userId, this.options.planId)
    this.provider.disconnect()
    await this.local.clearData()
    markUnsaved(name, false)
  }

  /**
   * After the server refused an edit this device holds: keeps the plan as the device has it
   * as a read-only "not saved" copy, then forgets the device's copy, so that a new session
   * joins the plan as the server has it. Returns the copy kept and the device's document
   * (detached: it outlives this session) to convert what it holds into commands.
   */
  async keepWorkAndDiscard(code: number): Promise<{ copy: NotSavedCopy; deviceDoc: Y.Doc }> {
    const deviceDoc = this.detachedCopy()
    const copy = await keepNotSavedCopy({
      userId: this.options.userId,
      planId: this.options.planId,
      savedAt: Date.now(),
      code,
      plan: toPlanJson(deviceDoc),
    })
    await this.discardLocalCopy()
    return { copy, deviceDoc }
  }

  destroy(): void {
    for (const cleanup of this.cleanups) cleanup()
    this.undoManager.destroy()
    this.provider.destroy()
    void this.local.destroy()
    this.doc.destroy()
    this.listeners.clear()
    this.restoreListeners.clear()
  }

  private watchRestores(): void {
    const restores = restoresRoot(this.doc)
    const onRestores = (event: Y.YMapEvent<unknown>) => {
      const added: RestoreRecord[] = []
      for (const [key, change] of event.changes.keys) {
        if (change.action === 'delete') continue
        const parsed = RestoreRecord.safeParse(restores.get(key))
        if (parsed.success) added.push(parsed.data)
      }
      if (added.length === 0) return
      this.undoManager.clear()
      const newest = added.reduce((a, b) => (b.at > a.at ? b : a))
      // Records already in the copy this device opened with are old news; announce only
      // what arrives once the plan has synced (live, or on reconnecting after being away).
      const seen: SeenRestore = { record: newest, announce: this.everSynced }
      for (const listener of this.restoreListeners) listener(seen)
    }
    restores.observe(onRestores)
    this.cleanups.push(() => restores.unobserve(onRestores))
  }

  private setUnsavedEarlier(unsaved: boolean): void {
    if (this.unsavedEarlier === unsaved) return
    this.unsavedEarlier = unsaved
    markUnsaved(localCopyName(this.options.userId, this.options.planId), unsaved)
  }

  private refresh(): void {
    const next = this.compute()
    // `editsRefused` is not part of the state, but the page shows it: a change of it re-renders too.
    const refusedChanged = this.editsRefused !== this.refusedShown
    if (!refusedChanged && JSON.stringify(next) === JSON.stringify(this.state)) return
    this.refusedShown = this.editsRefused
    this.state = next
    for (const listener of this.listeners) listener()
  }

  private compute(): SyncState {
    if (this.terminalCode !== null) return { kind: 'refused', code: this.terminalCode }
    const provider = this.provider
    if (provider.wsconnected && provider.synced) {
      if (this.counts.sent <= this.counts.acked) {
        this.setUnsavedEarlier(false)
        return { kind: 'saved' }
      }
      return { kind: 'saving' }
    }
    const unsaved = this.unsavedEarlier || this.counts.sent > this.counts.acked
    // Once synced, the plan is on this device too: y-indexeddb stores every update it sees.
    const hasLocalCopy = this.hasLocalCopy || this.everSynced
    if (!hasLocalCopy) return navigator.onLine ? { kind: 'loading' } : { kind: 'offline', unsaved, hasLocalCopy: false }
    if (!navigator.onLine) return { kind: 'offline', unsaved, hasLocalCopy }
    return { kind: 'reconnecting', unsaved, code: this.lastCloseCode }
  }
}
