import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { TraceEdit } from '../trace'
import { RawWebSocket } from './raw-ws'
import { marker, nowMicros, scanMarkers, WireCodec, type Target } from './wire'

/** Key of the plan's rich-text root (shared/src/plan/keys.ts: ROOT_KEYS.environment). */
const TEXT_ROOT = 'environment'

export interface LightClientOptions {
  target: Target
  /** Index of this participant, written into its markers. */
  participant: number
  /** A marker of someone else's edit arrived in an update (never called for sync step 2). */
  onEdit?(sender: number, seq: number, sentMicros: number, receivedMicros: number): void
  /** A marker of someone else's caret arrived in a presence update. */
  onPresence?(sender: number, seq: number, sentMicros: number, receivedMicros: number): void
  /**
   * The server acknowledged an edit (Hononga `?acks=1`, Hocuspocus sync status). Hononga says
   * how many edit messages of this socket are stored (compare with `editMessagesSent`).
   */
  onAck?(count?: number): void
  /** The socket closed (after connecting, or while connecting), with the close code. */
  onClose?(code: number): void
  /** Keep the bytes of the initial sync (sync step 2) for inspection. */
  keepSyncState?: boolean
}

/**
 * One simulated participant. It holds a Y.Doc with only its own paragraph of the plan's
 * environment text (never anyone else's: receivers scan markers in the raw bytes), so
 * hundreds fit in one process. It behaves as the stock client does on the wire: sync step 1
 * on open (after Hocuspocus's auth message), a sync step 2 reply to the server's step 1,
 * each local change sent as one update, presence as awareness updates.
 */
export class LightClient {
  readonly doc = new Y.Doc()
  readonly codec: WireCodec
  /** Sync step 2 received: the client has the document. */
  synced = false
  syncState: Uint8Array | undefined
  closeCode: number | undefined
  edits = 0
  presenceMoves = 0
  /** Messages sent that Hononga counts in its acknowledgements: sync step 2 replies and updates. */
  editMessagesSent = 0
  private readonly socket: RawWebSocket
  private paragraph: Y.XmlText | undefined
  private traceParagraph: Y.XmlText | undefined
  private lastUpdate: Uint8Array | undefined
  private awareness: awarenessProtocol.Awareness | undefined
  private readonly lastEdit = new Map<number, number>()
  private readonly lastPresence = new Map<number, number>()
  private syncWaiter: { resolve: () => void; reject: (error: Error) => void } | undefined
  private closeWaiters: (() => void)[] = []

  constructor(private readonly options: LightClientOptions) {
    this.codec = new WireCodec(options.target.protocol, options.target.docName)
    this.doc.on('update', (update: Uint8Array) => {
      this.lastUpdate = update
    })
    this.socket = new RawWebSocket({
      onMessage: (payload) => this.receive(payload),
      onClose: (code, reason) => {
        this.closeCode = code
        this.syncWaiter?.reject(new Error(`closed with ${code} ${reason} before syncing`))
        this.syncWaiter = undefined
        for (const waiter of this.closeWaiters.splice(0)) waiter()
        options.onClose?.(code)
      },
    })
  }

  get participant(): number {
    return this.options.participant
  }

  get open(): boolean {
    return this.socket.isOpen
  }

  /** Connects and resolves once the document is synced (sync step 2 received). */
  async connect(timeoutMs = 30_000): Promise<void> {
    const synced = new Promise<void>((resolve, reject) => {
      this.syncWaiter = { resolve, reject }
    })
    // Rejected by a close while the socket is still opening (before `await synced`): handled
    // there or by the failed connect, never an unhandled rejection that ends the agent.
    synced.catch(() => undefined)
    const timer = setTimeout(() => this.syncWaiter?.reject(new Error(`not synced after ${timeoutMs} ms`)), timeoutMs)
    try {
      await this.socket.connect(this.options.target.url, this.options.target.headers, timeoutMs)
      for (const message of this.codec.opening(this.options.target.token, Y.encodeStateVector(this.doc))) this.socket.send(message)
      if (this.awareness) this.sendPresence()
      await synced
    } finally {
      clearTimeout(timer)
      this.syncWaiter = undefined
    }
  }

  /** Makes one edit: appends `text` (a fresh marker by default) to this participant's paragraph. */
  edit(text?: string): void {
    const seq = ++this.edits
    const content = text ?? marker(this.options.participant, seq, nowMicros())
    this.doc.transact(() => {
      if (!this.paragraph) {
        // The participant's own paragraph, created with its first edit.
        const element = new Y.XmlElement('paragraph')
        this.paragraph = new Y.XmlText()
        element.insert(0, [this.paragraph])
        this.doc.getXmlFragment(TEXT_ROOT).insert(0, [element])
      }
      this.paragraph.insert(this.paragraph.length, content)
    })
    this.editMessagesSent++
    this.socket.send(this.codec.update(this.lastUpdate!))
  }

  /**
   * Makes one edit of a typing trace (a single character typed or deleted somewhere) in a
   * second paragraph of its own; counts as an edit like `edit()`, but carries no marker.
   */
  traceEdit(edit: TraceEdit): void {
    this.edits++
    this.doc.transact(() => {
      if (!this.traceParagraph) {
        const element = new Y.XmlElement('paragraph')
        this.traceParagraph = new Y.XmlText()
        element.insert(0, [this.traceParagraph])
        this.doc.getXmlFragment(TEXT_ROOT).insert(0, [element])
      }
      if ('insert' in edit) this.traceParagraph.insert(edit.pos, edit.insert)
      else this.traceParagraph.delete(edit.pos, edit.del)
    })
    this.editMessagesSent++
    this.socket.send(this.codec.update(this.lastUpdate!))
  }

  /** Publishes a presence state (the stock client's awareness), `null` to leave. */
  setPresence(state: Record<string, unknown> | null): void {
    this.awareness ??= new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(state)
    if (this.socket.isOpen) this.sendPresence()
  }

  /** Moves the caret: a new presence state carrying a marker, as a caret move would. */
  moveCaret(user: { name: string; color: string }): void {
    const seq = ++this.presenceMoves
    const index = seq % 97
    this.setPresence({
      user,
      // y-prosemirror's shape: relative positions of anchor and head.
      cursor: {
        anchor: { type: { client: this.doc.clientID, clock: 0 }, tname: null, item: { client: this.doc.clientID, clock: index }, assoc: 0 },
        head: { type: { client: this.doc.clientID, clock: 0 }, tname: null, item: { client: this.doc.clientID, clock: index }, assoc: 0 },
      },
      mark: marker(this.options.participant, seq, nowMicros()),
    })
  }

  /** Renews the presence state unchanged (the stock client does so every 15 s). */
  renewPresence(): void {
    if (!this.awareness) return
    this.awareness.setLocalState(this.awareness.getLocalState())
    this.sendPresence()
  }

  private sendPresence(): void {
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness!, [this.doc.clientID])
    this.socket.send(this.codec.awareness(update))
  }

  /** Bytes queued on this client's socket (the load generator falling behind shows here). */
  get bufferedBytes(): number {
    return this.socket.bufferedBytes
  }

  /** Closes with 1000 and resolves when the socket is gone. */
  close(): Promise<void> {
    if (this.closeCode !== undefined) return Promise.resolve()
    const closed = new Promise<void>((resolve) => this.closeWaiters.push(resolve))
    this.socket.close()
    return closed
  }

  destroy(): void {
    this.socket.destroy()
    this.awareness?.destroy()
    this.doc.destroy()
  }

  private receive(payload: Buffer): void {
    const message = this.codec.decode(payload)
    switch (message.kind) {
      case 'update':
        if (this.options.onEdit) this.scan(message.update, this.lastEdit, this.options.onEdit)
        break
      case 'awareness':
        if (this.options.onPresence) this.scan(message.update, this.lastPresence, this.options.onPresence)
        break
      case 'step1':
        this.editMessagesSent++
        this.socket.send(this.codec.step2(Y.encodeStateAsUpdate(this.doc, message.stateVector)))
        break
      case 'step2':
        if (this.options.keepSyncState) this.syncState = new Uint8Array(message.update)
        this.synced = true
        this.syncWaiter?.resolve()
        break
      case 'ack':
        this.options.onAck?.(message.count)
        break
      case 'denied':
        this.syncWaiter?.reject(new Error(`permission denied: ${message.reason}`))
        break
      default:
        break
    }
  }

  /** Reports each marker once (a server may echo or resend), skipping this client's own. */
  private scan(
    bytes: Uint8Array,
    last: Map<number, number>,
    report: (sender: number, seq: number, sent: number, received: number) => void,
  ): void {
    const received = nowMicros()
    scanMarkers(bytes, (sender, seq, sent) => {
      if (sender === this.options.participant) return
      if ((last.get(sender) ?? 0) >= seq) return
      last.set(sender, seq)
      report(sender, seq, sent, received)
    })
  }
}
