import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ApiClient } from '../../../integration/support/api'
import { connectPlan } from '../../../integration/support/yclient'
import { until, withServer, type BenchContext } from '../context'
import { LightClient } from '../light-client'
import type { ScenarioReport } from '../report'
import { SERVER_LABELS, type ServerKind, type ServerUnderTest } from '../servers'
import { marker, nowMicros, scanMarkers } from '../wire'

/** The server's own client library on a document: y-websocket's provider or Hocuspocus's. */
interface RealClient {
  library: string
  doc: Y.Doc
  synced(): boolean
  /** Awareness client ids the real client currently sees. */
  presenceIds(): number[]
  destroy(): void
}

async function connectRealClient(server: ServerUnderTest, docName: string): Promise<RealClient> {
  const target = server.target(docName)
  const doc = new Y.Doc()
  if (server.kind === 'hononga') {
    const origin = target.headers.origin!
    const api = new ApiClient(origin)
    api.cookie = target.headers.cookie
    const client = await connectPlan(api, `ws://127.0.0.1:${server.port}/ws`, docName, doc)
    return {
      library: 'y-websocket (WebsocketProvider, ticket)',
      doc,
      synced: () => client.provider.synced,
      presenceIds: () => [...client.provider.awareness.getStates().keys()],
      destroy: () => client.destroy(),
    }
  }
  if (server.kind === 'ywebsocket') {
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}`, docName, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    return {
      library: 'y-websocket (WebsocketProvider)',
      doc,
      synced: () => provider.synced,
      presenceIds: () => [...provider.awareness.getStates().keys()],
      destroy: () => {
        provider.destroy()
        doc.destroy()
      },
    }
  }
  // The stock provider on its own socket (Node has no global WebSocket to default to here).
  const websocketProvider = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${server.port}`, WebSocketPolyfill: WebSocket })
  const provider = new HocuspocusProvider({ websocketProvider, name: docName, document: doc, token: target.token ?? null })
  provider.attach()
  return {
    library: '@hocuspocus/provider (HocuspocusProvider)',
    doc,
    synced: () => provider.synced,
    presenceIds: () => [...(provider.awareness?.getStates().keys() ?? [])],
    destroy: () => {
      provider.destroy()
      websocketProvider.destroy()
      doc.destroy()
    },
  }
}

interface Check {
  kind: ServerKind
  library: string
  lightToReal: boolean
  realToLight: boolean
  lightToLight: boolean
  presenceToReal: boolean
  converged: boolean
}

const REAL_PARTICIPANT = 99

/**
 * First pass: each server's real client library and two light clients on one document.
 * Edits of the light clients must reach the real client (and each other), the real
 * client's edit must reach the light clients, a light client's presence must show up in
 * the real client's awareness, and the real client's document must hold every edit. If
 * they do, the light clients speak the protocol right and the figures below mean something.
 */
export async function conformance(ctx: BenchContext): Promise<ScenarioReport> {
  const checks: Check[] = []
  const warnings: string[] = []
  for (const kind of ctx.servers) {
    ctx.log(`protocol check: ${SERVER_LABELS[kind]}`)
    const check = await withServer(ctx, 'conformance', kind, async (server) => {
      const [docName] = await server.createDocs(1)
      const heard = new Map<number, Set<number>>([
        [1, new Set()],
        [2, new Set()],
      ])
      const light = [1, 2].map(
        (participant) =>
          new LightClient({ target: server.target(docName!), participant, onEdit: (sender) => heard.get(participant)!.add(sender) }),
      )
      const real = await connectRealClient(server, docName!)
      try {
        for (const client of light) await client.connect()
        await until(() => real.synced(), 10_000, 20)
        light[0]!.setPresence({ user: { name: 'Light one', color: '#30bced' } })
        for (const client of light) client.edit()
        // The real client types its own paragraph, as an editor would.
        const paragraph = new Y.XmlElement('paragraph')
        const text = new Y.XmlText()
        paragraph.insert(0, [text])
        real.doc.getXmlFragment('environment').insert(0, [paragraph])
        text.insert(0, marker(REAL_PARTICIPANT, 1, nowMicros()))
        const realHas = () => {
          const senders = new Set<number>()
          scanMarkers(Y.encodeStateAsUpdate(real.doc), (sender) => senders.add(sender))
          return senders
        }
        await until(
          () =>
            realHas().size === 3 &&
            heard.get(1)!.size === 2 &&
            heard.get(2)!.size === 2 &&
            real.presenceIds().includes(light[0]!.doc.clientID),
          10_000,
          20,
        )
        const has = realHas()
        return {
          kind,
          library: real.library,
          lightToReal: has.has(1) && has.has(2),
          realToLight: heard.get(1)!.has(REAL_PARTICIPANT) && heard.get(2)!.has(REAL_PARTICIPANT),
          lightToLight: heard.get(1)!.has(2) && heard.get(2)!.has(1),
          presenceToReal: real.presenceIds().includes(light[0]!.doc.clientID),
          converged: has.size === 3,
        } satisfies Check
      } finally {
        real.destroy()
        for (const client of light) client.destroy()
      }
    })
    const ok = check.lightToReal && check.realToLight && check.lightToLight && check.presenceToReal && check.converged
    if (!ok)
      warnings.push(
        `${SERVER_LABELS[kind]}: the light clients do not speak its protocol right (${JSON.stringify(check)}); its figures below are suspect.`,
      )
    checks.push(check)
  }
  const yes = (value: boolean) => (value ? 'yes' : '**no**')
  const table = [
    '| server | real client | light → real | real → light | light → light | presence light → real |',
    '| --- | --- | --- | --- | --- | --- |',
    ...checks.map(
      (c) =>
        `| ${SERVER_LABELS[c.kind]} | ${c.library} | ${yes(c.lightToReal)} | ${yes(c.realToLight)} | ${yes(c.lightToLight)} | ${yes(c.presenceToReal)} |`,
    ),
  ].join('\n')
  return {
    id: 'conformance',
    title: 'Protocol check: light clients against each server’s real client',
    method:
      'Two light clients (the simulated participants of every scenario) and the server’s own client library share a document; every edit and a presence state must cross in every direction.',
    rows: [],
    verbatim: table,
    notes: [],
    warnings,
    raw: checks,
  }
}
