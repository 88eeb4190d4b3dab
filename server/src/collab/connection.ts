import type { WebSocket } from 'ws'
import { CloseCode, CloseReason, type Affiliation, type Role, type TxOrigin } from '@hononga/shared'
import type { PresenceIdentity } from './awareness-guard'

/** Who is on the other end of a socket, established before the socket was accepted. */
export interface SocketIdentity {
  userId: string
  name: string
  role: Role
  affiliation: Affiliation
  organisation: string | null
  /** The plan is archived or deleted: every edit is refused, as a viewer's is (role unchanged for presence). */
  readOnly?: boolean
  /**
   * The session whose cookie opened the socket, or that minted its ticket (the sessions
   * row's id): signing out closes it (CollabEngine.closeSession).
   */
  sessionId?: string
}

let nextConnectionId = 1

/** How long a peer has to answer our close frame before its TCP connection is cut. */
const CLOSE_GRACE_MS = 2_000

/**
 * One participant's socket in one plan. Sends go through `send`, which enforces the
 * backpressure bound: a socket that lets more than `maxBufferedBytes` pile up is closed
 * (it reconnects and resyncs) instead of growing the server's memory without bound.
 */
export class Connection {
  readonly id = nextConnectionId++
  /** Transaction origin of this socket's edits: the room broadcasts them to everyone else. */
  readonly origin: TxOrigin
  /** Awareness client ids this socket introduced; only it may update or clear them. */
  readonly awarenessIds = new Set<number>()
  /** Set by the keep-alive: false after a ping until the pong comes back. */
  alive = true
  closed = false
  /** The socket sent an edit while read-only; we told it once. */
  warnedReadOnly = false
  /** Called once when the server decides to close this socket (the room forgets it at once). */
  onClosing: (() => void) | undefined
  /** Sync step 2 and update messages received, and the acknowledgement bookkeeping. */
  editsReceived = 0
  ackWaiting = false
  ackAgain = false
  /**
   * Frames from this socket held while a large update of its own is applied in pieces
   * (PlanRoom.integrateInPieces): they are handled, in order, after it. Null otherwise.
   */
  inbox: [Buffer, boolean][] | null = null
  /**
   * Updates that built on edits the plan lacks, held until this socket's sync step 2 (its answer
   * to the server's step 1, which carries those edits) arrives; null once it has. See
   * PlanRoom.holdUntilStep2.
   */
  awaitingStep2: Uint8Array[] | null = []
  awaitingStep2Bytes = 0

  constructor(
    readonly socket: WebSocket,
    public identity: SocketIdentity,
    private readonly maxBufferedBytes: number,
    /** The client asked for MessageType.Ack. */
    readonly wantsAcks = false,
  ) {
    this.origin = Object.freeze({ source: 'connection', connectionId: this.id, userId: identity.userId })
  }

  get presence(): PresenceIdentity {
    const { userId, name, role, affiliation, organisation } = this.identity
    return { id: userId, name, role, affiliation, organisation }
  }

  /** Sends one binary frame unless the socket is gone or hopelessly behind. */
  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.close(CloseCode.SlowConsumer)
      return
    }
    this.socket.send(message, { binary: true })
  }

  /**
   * Closes with one of the documented codes and its reason. Idempotent. The peer gets a
   * moment to complete the closing handshake; a peer that cannot (it stopped reading) is
   * cut off rather than held for the WebSocket library's 30 s.
   */
  close(code: CloseCode): void {
    if (this.closed) return
    this.closed = true
    this.socket.close(code, CloseReason[code])
    setTimeout(() => {
      if (this.socket.readyState !== this.socket.CLOSED) this.socket.terminate()
    }, CLOSE_GRACE_MS).unref()
    this.onClosing?.()
  }
}
