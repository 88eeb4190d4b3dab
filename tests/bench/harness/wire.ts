import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * The two wire protocols the servers under test speak. Ours and @y/websocket-server speak
 * y-websocket's (a message type, then y-protocols sync or awareness); Hocuspocus prefixes
 * every message with the document name and adds its own types and an auth handshake
 * (read from @hocuspocus/server's MessageReceiver and @hocuspocus/provider's messages).
 */
export type WireProtocol = 'y-websocket' | 'hocuspocus'

/** Where and how a light client connects to one document. */
export interface Target {
  protocol: WireProtocol
  url: string
  headers: Record<string, string>
  /** The document (plan) name, as the server knows it. */
  docName: string
  /** Hocuspocus only: the token of its auth handshake. */
  token?: string
}

/** What a received message is, as far as a light client cares. */
export type Incoming =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  /** `count`: Hononga's, how many edit messages (sync step 2s and updates) of this socket are stored. */
  | { kind: 'ack'; count?: number }
  | { kind: 'authenticated' }
  | { kind: 'denied'; reason: string }
  | { kind: 'other'; type: number }

const SYNC = 0
const AWARENESS = 1
const AUTH = 2
/** y-websocket: Hononga's durable acknowledgement (README, `?acks=1`). */
const HONONGA_ACK = 4
/** Hocuspocus: "update applied" after each update a client sends. */
const HOCUSPOCUS_SYNC_STATUS = 8
const HOCUSPOCUS_CLOSE = 7
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2
const AUTH_TOKEN = 0
const AUTH_DENIED = 1
const AUTH_OK = 2

/** Encodes and decodes one protocol's messages for one document. */
export class WireCodec {
  constructor(
    readonly protocol: WireProtocol,
    private readonly docName: string,
    /** Hocuspocus: the provider version sent in the auth message, as @hocuspocus/provider does. */
    private readonly clientVersion = '4',
  ) {}

  private start(): encoding.Encoder {
    const encoder = encoding.createEncoder()
    if (this.protocol === 'hocuspocus') encoding.writeVarString(encoder, this.docName)
    return encoder
  }

  /** What the stock client of this protocol sends once the socket opens (before awareness). */
  opening(token: string | undefined, stateVector: Uint8Array): Uint8Array[] {
    const messages: Uint8Array[] = []
    if (this.protocol === 'hocuspocus') {
      const auth = this.start()
      encoding.writeVarUint(auth, AUTH)
      encoding.writeVarUint(auth, AUTH_TOKEN)
      encoding.writeVarString(auth, token ?? '')
      encoding.writeVarString(auth, this.clientVersion)
      messages.push(encoding.toUint8Array(auth))
    }
    messages.push(this.sync(STEP1, stateVector))
    return messages
  }

  step2(update: Uint8Array): Uint8Array {
    return this.sync(STEP2, update)
  }

  update(update: Uint8Array): Uint8Array {
    return this.sync(UPDATE, update)
  }

  awareness(update: Uint8Array): Uint8Array {
    const encoder = this.start()
    encoding.writeVarUint(encoder, AWARENESS)
    encoding.writeVarUint8Array(encoder, update)
    return encoding.toUint8Array(encoder)
  }

  private sync(step: number, payload: Uint8Array): Uint8Array {
    const encoder = this.start()
    encoding.writeVarUint(encoder, SYNC)
    encoding.writeVarUint(encoder, step)
    encoding.writeVarUint8Array(encoder, payload)
    return encoding.toUint8Array(encoder)
  }

  /** Classifies a received message; payloads are views into `message`. */
  decode(message: Uint8Array): Incoming {
    const decoder = decoding.createDecoder(message)
    if (this.protocol === 'hocuspocus') decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case SYNC: {
        const step = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (step === STEP1) return { kind: 'step1', stateVector: payload }
        if (step === STEP2) return { kind: 'step2', update: payload }
        return { kind: 'update', update: payload }
      }
      case AWARENESS:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
      case AUTH: {
        const sub = decoding.readVarUint(decoder)
        if (sub === AUTH_OK) return { kind: 'authenticated' }
        if (sub === AUTH_DENIED) return { kind: 'denied', reason: decoding.readVarString(decoder) }
        return { kind: 'other', type }
      }
      case HONONGA_ACK:
        return this.protocol === 'y-websocket' ? { kind: 'ack', count: decoding.readVarUint(decoder) } : { kind: 'other', type }
      case HOCUSPOCUS_SYNC_STATUS:
        return this.protocol === 'hocuspocus' ? { kind: 'ack' } : { kind: 'other', type }
      case HOCUSPOCUS_CLOSE:
      default:
        return { kind: 'other', type }
    }
  }
}

// --- Markers ------------------------------------------------------------------------------

/**
 * Every simulated edit carries a marker `~<sender>.<seq>@<sent µs>;` in its text, and a
 * caret move carries one in its presence state. Receivers find markers by scanning the raw
 * bytes of what arrives (Yjs writes strings verbatim, also inside merged updates), so they
 * need no document of their own. Times are process.hrtime in µs: CLOCK_MONOTONIC, one
 * clock for every process on the machine.
 */
export function marker(sender: number, seq: number, sentMicros: number): string {
  return `~${sender}.${seq}@${sentMicros};`
}

export function nowMicros(): number {
  const [seconds, nanos] = process.hrtime()
  return seconds * 1e6 + Math.floor(nanos / 1e3)
}

const TILDE = 0x7e
const DOT = 0x2e
const AT = 0x40
const SEMI = 0x3b

/** Calls `found` for every well-formed marker in `bytes`. */
export function scanMarkers(bytes: Uint8Array, found: (sender: number, seq: number, sentMicros: number) => void): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = buffer.indexOf(TILDE)
  while (at >= 0) {
    let i = at + 1
    let sender = 0
    let seq = 0
    let sent = 0
    let digits = 0
    let ok = false
    for (; i < buffer.length && buffer[i]! >= 0x30 && buffer[i]! <= 0x39; i++, digits++) sender = sender * 10 + buffer[i]! - 0x30
    if (digits > 0 && buffer[i] === DOT) {
      digits = 0
      for (i++; i < buffer.length && buffer[i]! >= 0x30 && buffer[i]! <= 0x39; i++, digits++) seq = seq * 10 + buffer[i]! - 0x30
      if (digits > 0 && buffer[i] === AT) {
        digits = 0
        for (i++; i < buffer.length && buffer[i]! >= 0x30 && buffer[i]! <= 0x39; i++, digits++) sent = sent * 10 + buffer[i]! - 0x30
        ok = digits > 0 && buffer[i] === SEMI
      }
    }
    if (ok) {
      found(sender, seq, sent)
      at = buffer.indexOf(TILDE, i + 1)
    } else {
      at = buffer.indexOf(TILDE, at + 1)
    }
  }
}
