import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode } from '@hononga/shared'
import type { ApiClient } from './api'
import { waitFor } from './wait'

export interface PlanClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Close events the provider saw, newest last. */
  closes: { code: number; reason: string }[]
  synced(): Promise<void>
  destroy(): void
}

/**
 * The stock y-websocket client on a plan, authenticated by single-use tickets. When the
 * server closes with 4401 (a used or expired ticket, e.g. after a restart), it fetches a
 * fresh ticket and reconnects, as a real non-browser client would.
 */
export async function connectPlan(api: ApiClient, wsUrl: string, planId: string, doc = new Y.Doc()): Promise<PlanClient> {
  const provider = new WebsocketProvider(wsUrl, planId, doc, {
    params: { ticket: await api.ticket(planId) },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Providers in one Node process would otherwise sync through BroadcastChannel,
    // bypassing the server under test.
    disableBc: true,
    maxBackoffTime: 300,
  })
  const closes: { code: number; reason: string }[] = []
  let destroyed = false
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  provider.on('closed', ({ code }) => {
    if (code !== CloseCode.Unauthenticated || destroyed) return
    void api.ticket(planId).then(
      (ticket) => {
        if (destroyed) return
        provider.params = { ...provider.params, ticket }
        provider.connect()
      },
      () => {
        // The server is down; the next 'closed' tries again.
        if (!destroyed) setTimeout(() => provider.emit('closed', [{ code, reason: 'retry' }, provider]), 200)
      },
    )
  })
  return {
    doc,
    provider,
    closes,
    synced: async () => {
      await waitFor(() => provider.synced, { message: 'provider synced' })
    },
    destroy: () => {
      if (destroyed) return
      destroyed = true
      provider.destroy()
      doc.destroy()
    },
  }
}

/** The clients a test opened, destroyed together at the end. */
export class ClientPool {
  private readonly clients: PlanClient[] = []

  /** Connects the stock client to a plan and waits for its first sync. */
  async join(api: ApiClient, wsUrl: string, planId: string): Promise<PlanClient> {
    const client = await connectPlan(api, wsUrl, planId)
    this.clients.push(client)
    await client.synced()
    return client
  }

  destroyAll(): void {
    for (const client of this.clients.splice(0)) client.destroy()
  }
}
