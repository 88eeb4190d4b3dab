import { EventEmitter } from 'node:events'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import { MessageType, SyncMessageType } from '@hononga/shared'
import { Connection, type SocketIdentity } from '../connection'

/** A frame the server sent, decoded as far as tests look into it. */
export type SentFrame =
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'step1' | 'step2'; payload: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'ack'; count: number }
  | { kind: 'other'; type: number }

/**
 * The server's end of an in-memory socket pair (no ports, as tldraw's sync tests do): what
 * the server sends is recorded, decoded, and handed to `onSend`; the test plays the client
 * with `deliver` (a frame from the device) and `hangUp` (the device goes away). It has the
 * parts of `ws`'s WebSocket that Connection, ReadBudget and the engine use.
 */
export class MemorySocket extends EventEmitter {
  readonly OPEN = 1
  readonly CLOSED = 3
  readyState = 1
  bufferedAmount = 0
  isPaused = false
  /** Every frame the server sent, in order. */
  readonly sent: SentFrame[] = []
  readonly acks: number[] = []
  onAck: ((count: number) => void) | undefined
  onSend: ((frame: SentFrame) => void) | undefined
  closeCode: number | undefined

  /** This socket as the `ws` type the server code takes. */
  get ws(): WebSocket {
    return this as unknown as WebSocket
  }

  send(message: Uint8Array): void {
    const frame = decodeFrame(message)
    this.sent.push(frame)
    if (frame.kind === 'ack') {
      this.acks.push(frame.count)
      this.onAck?.(frame.count)
    }
    this.onSend?.(frame)
  }

  close(code: number): void {
    this.closeCode ??= code
    this.readyState = this.CLOSED
  }

  terminate(): void {
    this.readyState = this.CLOSED
  }

  ping(): void {}
  pause(): void {
    this.isPaused = true
  }
  resume(): void {
    this.isPaused = false
  }

  /** The device sends a binary frame. */
  deliver(frame: Uint8Array): void {
    this.emit('message', Buffer.from(frame), true)
  }

  /** The device goes away: the socket closes from its side. */
  hangUp(): void {
    this.readyState = this.CLOSED
    this.emit('close', 1000, Buffer.alloc(0))
  }

  /** The document updates the server sent (sync updates and step 2 replies). */
  get updates(): Uint8Array[] {
    return this.sent.flatMap((frame) => (frame.kind === 'update' ? [frame.update] : frame.kind === 'step2' ? [frame.payload] : []))
  }

  /** The awareness messages the server sent. */
  get presence(): Uint8Array[] {
    return this.sent.flatMap((frame) => (frame.kind === 'awareness' ? [frame.update] : []))
  }
}

function decodeFrame(message: Uint8Array): SentFrame {
  const decoder = decoding.createDecoder(message)
  const type = decoding.readVarUint(decoder)
  if (type === MessageType.Ack) return { kind: 'ack', count: decoding.readVarUint(decoder) }
  if (type === MessageType.Awareness) return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
  if (type !== MessageType.Sync) return { kind: 'other', type }
  const syncType = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  if (syncType === SyncMessageType.Update) return { kind: 'update', update: payload }
  return { kind: syncType === SyncMessageType.Step1 ? 'step1' : 'step2', payload }
}

/** A y-websocket sync update frame carrying `update`. */
export function updateFrame(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Update)
  encoding.writeVarUint8Array(encoder, update)
  return Buffer.from(encoding.toUint8Array(encoder))
}

/** A y-websocket awareness frame carrying `update` (y-protocols/awareness encodeAwarenessUpdate). */
export function awarenessFrame(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, update)
  return Buffer.from(encoding.toUint8Array(encoder))
}

/** An editor of the plan, as the server would have authenticated them. */
export function editor(userId: string): SocketIdentity {
  return { userId, name: userId, role: 'editor', affiliation: 'iwi', organisation: null }
}

/** A Connection over a fresh MemorySocket (acknowledgements asked for). */
export function memoryConnection(identity: SocketIdentity): { connection: Connection; socket: MemorySocket } {
  const socket = new MemorySocket()
  return { connection: new Connection(socket.ws, identity, 1 << 30, true), socket }
}

/** Polls `condition` every 5 ms, for at most `timeoutMs` (never a fixed sleep). */
export async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
