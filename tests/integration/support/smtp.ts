import type { Server, Socket } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { waitFor } from './wait'

export interface SmtpOptions {
  /** Listen on this port (to come back where a killed server was); default: any free port. */
  port?: number
  /**
   * Hold every message: read its DATA (kept in `partial`) but never answer it, so the sender
   * stays mid-send until `kill()`. For killing the server at a chosen point.
   */
  hold?: boolean
}

export interface SmtpServer {
  port: number
  /** smtp://127.0.0.1:port, for SMTP_URL. */
  url: string
  /** Every message accepted, parsed, in arrival order. */
  messages: ParsedMail[]
  /** The raw bytes of held messages received so far (with `hold`), one string per message. */
  partial: string[]
  /** Resolves with the first accepted message matching `predicate` (polls; default 15 s). */
  waitForMessage(predicate: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>
  /** Stops listening and waits for open sessions to end. */
  close(): Promise<void>
  /** Stops at once: every connection is destroyed, mid-message or not (a crash, as the sender sees it). */
  kill(): Promise<void>
}

/**
 * A real SMTP server on loopback (smtp-server + mailparser), the receiving end of the
 * server's mail in tests: any credentials accepted, no TLS.
 */
export async function startSmtpServer({ port = 0, hold = false }: SmtpOptions = {}): Promise<SmtpServer> {
  const messages: ParsedMail[] = []
  const partial: string[] = []
  const sockets = new Set<Socket>()
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anyone' })
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      const index = hold ? partial.push('') - 1 : -1
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        if (hold) partial[index] = Buffer.concat(chunks).toString('utf8')
      })
      stream.on('end', () => {
        // Held: never answered, so the sender waits for the reply until the server is killed.
        if (hold) return
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            messages.push(mail)
            callback()
          })
          .catch((error: Error) => callback(error))
      })
    },
  })
  const net = (server as unknown as { server: Server }).server
  net.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  server.on('error', () => {}) // connections destroyed by kill() report errors: expected
  const bound = (net.address() as { port: number }).port
  let closed = false
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    messages,
    partial,
    waitForMessage: (predicate, timeoutMs = 15_000) =>
      waitFor(() => messages.find(predicate), { timeoutMs, intervalMs: 25, message: 'an email' }),
    close: async () => {
      if (closed) return
      closed = true
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    kill: async () => {
      if (closed) return
      closed = true
      const stopped = new Promise<void>((resolve) => net.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await stopped
    },
  }
}
