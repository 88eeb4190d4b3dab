import type { RawData, WebSocket } from 'ws'
import { CloseCode, CloseReason } from '@hononga/shared'
import type { Config } from '../config'
import type { Logger } from '../log'
import { ReadBudget, TokenBucket } from './budget'
import { Connection } from './connection'
import { PlanNotFoundError, RegistryClosedError, type RoomRegistry } from './registry'
import type { PlanRoom } from './room'
import { PlanElsewhereError } from './ownership'
import type { SocketAccess } from './service'

export interface SocketJoinDeps {
  registry: Pick<RoomRegistry, 'acquire' | 'release'>
  log: Logger
  config: Pick<Config, 'wsMaxBufferedBytes' | 'wsMaxMessageBytes' | 'wsBudgetBytesPerSec' | 'wsBudgetUpdatesPerSec'>
}

/**
 * Joins an authenticated socket to its plan's room: the plan is loaded (messages that
 * arrive meanwhile are held, up to twice WS_MAX_MESSAGE_BYTES), then the socket is attached
 * and its held messages handled in order. A plan that cannot be loaded closes the socket
 * with the code that says why (4404, 1012 while the server stops, 4503).
 */
export function joinRoom(socket: WebSocket, access: Extract<SocketAccess, { ok: true }>, deps: SocketJoinDeps): void {
  const { registry, log, config } = deps
  const held: [Buffer, boolean][] = []
  let heldBytes = 0
  const hold = (data: RawData, isBinary: boolean) => {
    const bytes = toBuffer(data)
    heldBytes += bytes.byteLength
    if (heldBytes > config.wsMaxMessageBytes * 2) socket.close(CloseCode.PlanUnavailable, CloseReason[CloseCode.PlanUnavailable])
    else held.push([bytes, isBinary])
  }
  socket.on('message', hold)
  registry.acquire(access.planId).then(
    (room) => {
      socket.off('message', hold)
      if (socket.readyState !== socket.OPEN) {
        registry.release(room)
        return
      }
      const connection = new Connection(socket, access.identity, config.wsMaxBufferedBytes, access.wantsAcks)
      wire(room, connection, readBudget(socket, config))
      room.attach(connection)
      for (const [data, isBinary] of held) room.receive(connection, data, isBinary)
    },
    (error: unknown) => {
      socket.off('message', hold)
      const code =
        error instanceof PlanNotFoundError
          ? CloseCode.PlanNotFound
          : error instanceof RegistryClosedError
            ? CloseCode.ServiceRestart
            : CloseCode.PlanUnavailable
      if (error instanceof PlanElsewhereError) {
        log.debug({ planId: access.planId, event: 'plan.elsewhere' }, 'refusing socket: another process serves the plan for now')
      } else if (code === CloseCode.PlanUnavailable) {
        log.error({ planId: access.planId, event: 'plan.load_failed', err: error }, 'refusing socket: plan failed to load')
      }
      socket.close(code, CloseReason[code])
    },
  )
}

/** Frames go to the room (within the read budget); closing, either way, detaches. */
function wire(room: PlanRoom, connection: Connection, budget: ReadBudget): void {
  const { socket } = connection
  socket.on('message', (data, isBinary) => {
    const bytes = toBuffer(data)
    room.receive(connection, bytes, isBinary)
    budget.spend(bytes.byteLength)
  })
  connection.onClosing = () => {
    budget.stop()
    room.detach(connection)
  }
  socket.on('close', () => {
    budget.stop()
    room.detach(connection)
  })
  socket.on('pong', () => {
    connection.alive = true
  })
}

/**
 * Back-pressure on one socket (WS_BUDGET_BYTES_PER_SEC, WS_BUDGET_UPDATES_PER_SEC): reading
 * from it pauses while it is over its allowance, rather than closing it.
 */
function readBudget(socket: WebSocket, config: SocketJoinDeps['config']): ReadBudget {
  const { wsBudgetBytesPerSec, wsBudgetUpdatesPerSec } = config
  return new ReadBudget(socket, new TokenBucket({ bytesPerSec: wsBudgetBytesPerSec, messagesPerSec: wsBudgetUpdatesPerSec }))
}

/** Detects dead peers (a phone that lost its network without closing its socket): called every 30 s. */
export function pingAll(rooms: readonly PlanRoom[]): void {
  for (const room of rooms) {
    for (const connection of room.connections) {
      if (!connection.alive) {
        connection.socket.terminate()
        continue
      }
      connection.alive = false
      connection.socket.ping()
    }
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}
