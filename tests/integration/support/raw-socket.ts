import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType } from '@hononga/shared'

/**
 * A bare WebSocket speaking (or abusing) the protocol byte by byte, recording everything
 * the server sends, for tests of refusals and malformed input.
 */
export class RawSocket {
  readonly messages: Uint8Array[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  readonly opened: Promise<void>
  readonly socket: WebSocket

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers })
    this.socket.binaryType = 'nodebuffer'
    this.socket.on('message', (data: Buffer) => this.messages.push(new Uint8Array(data)))
    this.socket.on('error', () => undefined)
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve())
      this.socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    })
    this.closed = new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  }

  send(bytes: Uint8Array | string): void {
    this.socket.send(bytes)
  }

  /** Message types (first varuint) of everything received so far. */
  get messageTypes(): number[] {
    return this.messages.map((m) => decoding.readVarUint(decoding.createDecoder(m)))
  }

  close(): void {
    this.socket.close()
  }
}

/** Encodes one y-websocket frame: message type, then payload fields. */
export function frame(type: MessageType, ...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part)
    else encoding.writeVarUint8Array(encoder, part)
  }
  return encoding.toUint8Array(encoder)
}
