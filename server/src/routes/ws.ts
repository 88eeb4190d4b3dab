import type { Context } from 'hono'
import { Hono } from 'hono'
import { upgradeWebSocket } from '@hono/node-server'
import type { WebSocket } from 'ws'
import { ACKS_QUERY_PARAM, CloseCode, SCHEMA_QUERY_PARAM, SCHEMA_VERSION, TICKET_QUERY_PARAM } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { isAllowedOrigin } from '../auth/csrf'
import { sessionId as sessionIdOf, sessionToken } from '../auth/session'
import type { SocketAccess } from '../collab'
import { isWellFormedId } from '../db/ids'
import { AppError } from '../errors'
import { OpeningRecorder } from './access-log'

/**
 * `GET /ws/:planId`: the y-websocket endpoint. Who is asking is settled here, on the HTTP
 * upgrade request, before the socket exists: a session cookie (from an allowed Origin, so
 * a foreign page cannot open a socket with the visitor's cookie) or a single-use ticket.
 * A refused socket is still upgraded and then closed with its documented code, because a
 * browser shows a script only the close code, never an HTTP status. No document byte is
 * sent to a refused socket.
 */
export function wsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const openings = new OpeningRecorder(deps)
  app.get(
    '/ws/:planId',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw new AppError('not_upgradable', 'This address speaks the y-websocket protocol: open it as a WebSocket')
      }
      await next()
    },
    upgradeWebSocket(async (c) => {
      const access = await resolveAccess(c, deps)
      if (access.ok) {
        // The access log (once per person per day: reconnects coalesce); never holds up the socket, never fails it.
        const { userId, affiliation, organisation } = access.identity
        void openings.record({ planId: access.planId, userId, affiliation, organisation })
      }
      return {
        onOpen: (_event, ws) => deps.collab.acceptSocket(ws.raw as WebSocket, access),
      }
    }),
  )
  return app
}

async function resolveAccess(c: Context<AppEnv>, deps: AppDeps): Promise<SocketAccess> {
  const planId = c.req.param('planId') ?? ''
  const ticket = c.req.query(TICKET_QUERY_PARAM)
  let userId: string | null
  // The session that signing out must close this socket with (cookie, or the ticket's minter).
  let sessionId: string | undefined
  if (ticket !== undefined) {
    const spent = await deps.repos.tickets.consumeTicket(ticket, planId, deps.now())
    userId = spent?.userId ?? null
    sessionId = spent?.sessionId ?? undefined
  } else {
    const user = c.get('user')
    userId = user && isAllowedOrigin(c, deps.config) ? user.id : null
    if (user && !userId) return { ok: false, code: CloseCode.Forbidden }
    sessionId = sessionIdOf(sessionToken(c)) ?? undefined
  }
  if (!userId) return { ok: false, code: CloseCode.Unauthenticated }
  const schema = c.req.query(SCHEMA_QUERY_PARAM)
  if (schema !== undefined && Number.parseInt(schema, 10) !== SCHEMA_VERSION) {
    return { ok: false, code: CloseCode.IncompatibleSchema }
  }
  // A non-member learns nothing, not even whether the plan exists.
  const member = isWellFormedId(planId) ? await deps.repos.members.findMember(planId, userId) : null
  if (!member) return { ok: false, code: CloseCode.Forbidden }
  const { name, role, affiliation, organisation } = member
  const wantsAcks = c.req.query(ACKS_QUERY_PARAM) === '1'
  const readOnly = await deps.repos.plans.isPlanLocked(planId)
  return { ok: true, planId, identity: { userId, name, role, affiliation, organisation, readOnly, sessionId }, wantsAcks }
}
