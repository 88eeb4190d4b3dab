import { expect } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { addFocusArea, COLLAB_ROOT_KEYS, getFocusArea, MessageType, toPlanJson, type FocusAreaId, type PlanJson } from '@hononga/shared'
import { ApiClient } from './api'
import { writersIn } from './forge'
import { RawSocket } from './raw-socket'
import { inProcessServer } from './server'
import { waitFor } from './wait'
import { ClientPool, type PlanClient } from './yclient'

/**
 * The stage for issue 9's attacks on the plan document (tests/integration/attacks*.test.ts):
 * a server in this process, three people (a facilitator, an attacking editor, a witnessing
 * editor), a fresh plan per attack, and the checks that an attack left no trace.
 */

export type TestServer = Awaited<ReturnType<typeof inProcessServer>>

export interface Scene {
  planId: string
  facilitator: ApiClient
  /** An editor of the plan (iwi, Ngāti Awa) who attacks it. */
  attacker: ApiClient
  /** Another editor (agency), connected throughout with the stock client: must never see the attack. */
  witness: ApiClient
  facilitatorClient: PlanClient
  witnessClient: PlanClient
  focusAreaId: FocusAreaId
}

// The governance roots, as an attacker's document sees them (shared/src/plan/keys.ts).
export const agreementsRoot = (doc: Y.Doc) => doc.getMap<unknown>(COLLAB_ROOT_KEYS.agreements)
export const attendanceRoot = (doc: Y.Doc) => doc.getMap<unknown>(COLLAB_ROOT_KEYS.attendance)
export const commentsRoot = (doc: Y.Doc) => doc.getMap<unknown>(COLLAB_ROOT_KEYS.comments)

/** Acknowledgement counts a `?acks=1` socket received, in order. */
export const acks = (socket: RawSocket) =>
  socket.messages
    .map((m) => decoding.createDecoder(m))
    .filter((d) => decoding.readVarUint(d) === MessageType.Ack)
    .map((d) => decoding.readVarUint(d))

/** Waits until the stock client is closed, and checks it was with `code` (it then stops reconnecting). */
export async function expectClosedWith(client: PlanClient, code: number, what = 'the attack', timeoutMs = 20_000): Promise<void> {
  await waitFor(() => client.closes.length > 0, { message: `close ${code} after ${what}`, timeoutMs })
  expect(client.closes[0]!.code, what).toBe(code)
}

export class AttackBench {
  readonly pool = new ClientPool()
  server!: TestServer
  /** The same three people in every test (the server allows 20 registrations per address and hour), each test on a new plan. */
  people!: { facilitator: ApiClient; attacker: ApiClient; witness: ApiClient }
  private markers = 0

  /** Starts the server (plans leave memory 100 ms after their last user) and registers the three people. */
  async start(): Promise<void> {
    this.server = await inProcessServer({ PLAN_IDLE_UNLOAD_MS: '100', QUOTA_PLANS_PER_HOUR: '0' })
    const register = (name: string) => new ApiClient(this.server.url).register(name)
    this.people = {
      facilitator: await register('Mere Facilitator'),
      attacker: await register('Aroha Tipene'),
      witness: await register('Sam Witehira'),
    }
  }

  async stop(): Promise<void> {
    this.pool.destroyAll()
    await this.server.close()
  }

  /** A new plan with the facilitator (police), the attacker (iwi) and the witness (agency), and one focus area. */
  async scene(): Promise<Scene> {
    const { facilitator, attacker, witness } = this.people
    const planId = await facilitator.createPlan()
    await facilitator.invite(planId, attacker, 'editor', 'iwi', 'Ngāti Awa')
    await facilitator.invite(planId, witness, 'editor', 'agency', 'Ministry of Social Development')
    const facilitatorClient = await this.pool.join(facilitator, this.server.wsUrl, planId)
    const witnessClient = await this.pool.join(witness, this.server.wsUrl, planId)
    const focusAreaId = addFocusArea(facilitatorClient.doc, { title: 'Rangatahi pathways' })
    await waitFor(() => getFocusArea(witnessClient.doc, focusAreaId), { message: 'focus area reaches the witness' })
    return { planId, facilitator, attacker, witness, facilitatorClient, witnessClient, focusAreaId }
  }

  /** The attacker's own stock client on the plan, synced. */
  async attackerClient(s: Scene): Promise<PlanClient> {
    const client = await this.pool.join(s.attacker, this.server.wsUrl, s.planId)
    await waitFor(() => getFocusArea(client.doc, s.focusAreaId), { message: 'attacker holds the plan' })
    return client
  }

  /** A raw socket of `api`'s, authenticated by a ticket, asking for acknowledgements; resolves once the server has spoken. */
  async rawSocket(api: ApiClient, planId: string): Promise<RawSocket> {
    const socket = new RawSocket(`${this.server.wsUrl}/${planId}?acks=1&ticket=${await api.ticket(planId)}`)
    await waitFor(() => socket.messages.length > 0, { message: 'sync step 1' })
    return socket
  }

  /** What storage holds for a plan right now, as a document. */
  async stored(planId: string): Promise<Y.Doc> {
    const loaded = await this.server.storage.store.load(planId)
    const doc = new Y.Doc()
    if (loaded?.state) Y.applyUpdate(doc, loaded.state)
    for (const update of loaded?.updates ?? []) Y.applyUpdate(doc, update)
    return doc
  }

  /**
   * Shows an attack left no trace. No edit of the forging documents (`forgers`, by clientID)
   * reached the witness (checked after a later marker edit has reached it: the server relays
   * in order), is in storage, or in the plan after it left memory and was loaded again; the
   * plan renders (GET document) and loads for the facilitator, the attacker and the witness;
   * `check` holds on every copy (the witness's, storage's, and each fresh client's).
   */
  async expectNoTrace(s: Scene, forgers: number[], check: (doc: Y.Doc) => void = () => undefined): Promise<void> {
    const marker = `Marker ${++this.markers}`
    addFocusArea(s.facilitatorClient.doc, { title: marker })
    await waitFor(() => toPlanJson(s.witnessClient.doc).focusAreas.some((f) => f.title === marker), {
      message: 'marker reaches the witness',
    })
    expect(s.witnessClient.closes).toEqual([])
    const copies: [string, Y.Doc][] = [
      ['witness', s.witnessClient.doc],
      ['storage', await this.stored(s.planId)],
    ]

    const rendered = await s.facilitator.request<PlanJson>('GET', `/api/plans/${s.planId}/document`)
    expect(rendered.status).toBe(200)
    expect(rendered.body.focusAreas.map((f) => f.title)).toContain(marker)

    this.pool.destroyAll()
    await waitFor(() => !this.server.engine.registry.isResident(s.planId), { message: 'plan leaves memory', timeoutMs: 30_000 })
    for (const [name, api] of [
      ['facilitator', s.facilitator],
      ['attacker', s.attacker],
      ['witness', s.witness],
    ] as const) {
      const fresh = await this.pool.join(api, this.server.wsUrl, s.planId)
      copies.push([`${name} after reload`, fresh.doc])
    }
    for (const [name, doc] of copies) {
      const writers = writersIn(doc)
      for (const forger of forgers) expect(writers.has(forger), `${name} holds the forged edit`).toBe(false)
      expect(
        toPlanJson(doc).focusAreas.map((f) => f.title),
        name,
      ).toContain(marker)
      check(doc)
    }
  }
}
