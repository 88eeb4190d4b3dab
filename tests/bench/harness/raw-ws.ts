import crypto from 'node:crypto'
import net from 'node:net'

/** What a RawWebSocket tells its owner. */
export interface RawWebSocketHandlers {
  /** One complete binary (or text) message. The buffer is only valid during the call. */
  onMessage(payload: Buffer): void
  /** The connection ended, with the close code the server sent (1006 when there was none). */
  onClose(code: number, reason: string): void
}

const OPCODE_CONTINUATION = 0x0
const OPCODE_CLOSE = 0x8
const OPCODE_PING = 0x9
const OPCODE_PONG = 0xa

/**
 * A minimal WebSocket client over a raw TCP socket, for load generation: one `data` event
 * may carry many frames and each is handed over without copying, events, or per-frame
 * allocation beyond the slice. It speaks RFC 6455 to a server on 127.0.0.1 only: no TLS,
 * no extensions (permessage-deflate is not offered, so never negotiated), frames masked
 * with a zero key (valid; the key only has to be present), pings answered with pongs.
 */
export class RawWebSocket {
  private socket: net.Socket | undefined
  private pending: Buffer | null = null
  private fragments: Buffer[] = []
  private upgraded = false
  private closedCode: number | null = null
  private closeReason = ''
  private finished = false

  constructor(private readonly handlers: RawWebSocketHandlers) {}

  /** Opens the connection and completes the upgrade; rejects on refusal or after `timeoutMs`. */
  connect(url: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<void> {
    const target = new URL(url)
    if (target.hostname !== '127.0.0.1') throw new Error(`the load generator only targets 127.0.0.1, not ${target.hostname}`)
    const key = crypto.randomBytes(16).toString('base64')
    const lines = [
      `GET ${target.pathname}${target.search} HTTP/1.1`,
      `Host: ${target.host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${key}`,
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ]
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: Number(target.port) })
      this.socket = socket
      socket.setNoDelay(true)
      const timer = setTimeout(() => {
        reject(new Error(`upgrade timed out after ${timeoutMs} ms`))
        socket.destroy()
      }, timeoutMs)
      let head: Buffer = Buffer.alloc(0)
      const onHandshake = (chunk: Buffer) => {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk])
        const end = head.indexOf('\r\n\r\n')
        if (end < 0) return
        socket.off('data', onHandshake)
        clearTimeout(timer)
        const status = head.subarray(0, head.indexOf('\r\n')).toString()
        if (!/^HTTP\/1\.1 101 /.test(status)) {
          reject(new Error(`upgrade refused: ${status}`))
          socket.destroy()
          return
        }
        this.upgraded = true
        socket.on('data', (data: Buffer) => this.receive(data))
        resolve()
        const rest = head.subarray(end + 4)
        if (rest.length > 0) this.receive(rest)
      }
      socket.on('data', onHandshake)
      socket.on('error', (error) => {
        clearTimeout(timer)
        if (!this.upgraded) reject(error)
      })
      socket.on('close', () => {
        clearTimeout(timer)
        if (!this.upgraded) reject(new Error('connection closed during the upgrade'))
        this.finish()
      })
      socket.write(lines.join('\r\n') + '\r\n\r\n')
    })
  }

  get isOpen(): boolean {
    return this.upgraded && !this.finished && this.closedCode === null
  }

  /** Bytes written but not yet handed to the kernel. */
  get bufferedBytes(): number {
    return this.socket?.writableLength ?? 0
  }

  /** Sends one binary message. */
  send(payload: Uint8Array): void {
    if (!this.isOpen) return
    this.socket!.write(frame(0x2, payload))
  }

  /** Starts the closing handshake; the socket is cut if the server does not finish it in 2 s. */
  close(code = 1000): void {
    if (!this.socket || this.finished) return
    if (this.closedCode === null && this.upgraded) {
      const body = Buffer.alloc(2)
      body.writeUInt16BE(code)
      this.socket.write(frame(OPCODE_CLOSE, body))
      this.closedCode = code
    }
    const socket = this.socket
    setTimeout(() => socket.destroy(), 2_000).unref()
  }

  /** Cuts the TCP connection without a closing handshake. */
  destroy(): void {
    this.socket?.destroy()
  }

  private receive(data: Buffer): void {
    let buffer = this.pending ? Buffer.concat([this.pending, data]) : data
    this.pending = null
    let offset = 0
    while (buffer.length - offset >= 2) {
      const first = buffer[offset]!
      const second = buffer[offset + 1]!
      let length = second & 0x7f
      let header = 2
      if (length === 126) {
        if (buffer.length - offset < 4) break
        length = buffer.readUInt16BE(offset + 2)
        header = 4
      } else if (length === 127) {
        if (buffer.length - offset < 10) break
        length = buffer.readUInt32BE(offset + 2) * 2 ** 32 + buffer.readUInt32BE(offset + 6)
        header = 10
      }
      if (second & 0x80) header += 4 // servers do not mask; tolerate it anyway (key ignored: never sent)
      if (buffer.length - offset < header + length) break
      const payload = buffer.subarray(offset + header, offset + header + length)
      offset += header + length
      this.frameReceived(first & 0x80, first & 0x0f, payload)
      if (this.finished) return
    }
    if (offset < buffer.length) {
      // Keep only the unparsed tail (copied: the socket reuses nothing, but `buffer` may be large).
      buffer = buffer.subarray(offset)
      this.pending = Buffer.from(buffer)
    }
  }

  private frameReceived(fin: number, opcode: number, payload: Buffer): void {
    if (opcode === OPCODE_PING) {
      this.socket!.write(frame(OPCODE_PONG, payload))
      return
    }
    if (opcode === OPCODE_PONG) return
    if (opcode === OPCODE_CLOSE) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005
      this.closeReason = payload.length > 2 ? payload.subarray(2).toString() : ''
      if (this.closedCode === null) {
        this.socket!.write(frame(OPCODE_CLOSE, payload.subarray(0, 2)))
      }
      this.closedCode = code
      this.socket!.end()
      this.finish()
      return
    }
    if (!fin) {
      this.fragments.push(Buffer.from(payload))
      return
    }
    if (opcode === OPCODE_CONTINUATION && this.fragments.length > 0) {
      this.fragments.push(payload)
      const whole = Buffer.concat(this.fragments)
      this.fragments = []
      this.handlers.onMessage(whole)
      return
    }
    this.handlers.onMessage(payload)
  }

  private finish(): void {
    if (this.finished) return
    this.finished = true
    this.handlers.onClose(this.closedCode ?? 1006, this.closeReason)
  }
}

/** One masked client frame (zero mask key, so the payload is copied unchanged). */
function frame(opcode: number, payload: Uint8Array): Buffer {
  const length = payload.length
  const lengthBytes = length < 126 ? 0 : length < 65_536 ? 2 : 8
  const out = Buffer.allocUnsafe(2 + lengthBytes + 4 + length)
  out[0] = 0x80 | opcode
  let offset = 2
  if (lengthBytes === 0) out[1] = 0x80 | length
  else if (lengthBytes === 2) {
    out[1] = 0x80 | 126
    out.writeUInt16BE(length, 2)
    offset = 4
  } else {
    out[1] = 0x80 | 127
    out.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    out.writeUInt32BE(length >>> 0, 6)
    offset = 10
  }
  out.writeUInt32BE(0, offset)
  out.set(payload, offset + 4)
  return out
}
