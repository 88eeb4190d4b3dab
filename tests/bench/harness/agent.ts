/**
 * A load-generating agent: a child process of the harness hosting many light clients.
 * It obeys AgentRequests on its IPC channel and answers each with one AgentReply.
 * Participants of several agents share one clock (process.hrtime, system-wide monotonic).
 */
import type { Activity, AgentReply, AgentRequest, ParticipantSpec } from './agent-protocol'
import { Histogram } from './histogram'
import { LightClient } from './light-client'
import { nowMicros, type Target } from './wire'

const COLORS = ['#30bced', '#6eeb83', '#ffbc42', '#ecd444', '#ee6352', '#9ac2c9', '#8acb88', '#1be7ff']

let clients: LightClient[] = []
/** What each open client was opened with, to open it again (reconnecting). */
const specOf = new Map<LightClient, ParticipantSpec>()
/** Receivers of the current run record into these. */
let recorder: Recorder | undefined

class Recorder {
  readonly edits = new Histogram()
  readonly presence = new Histogram()
  readonly arrivals?: { counts: Uint32Array; slowest: Float64Array }

  constructor(
    private readonly seqBase: number,
    private readonly track: { senders: number; maxSeq: number } | undefined,
  ) {
    if (track)
      this.arrivals = { counts: new Uint32Array(track.senders * track.maxSeq), slowest: new Float64Array(track.senders * track.maxSeq) }
  }

  edit(sender: number, seq: number, sent: number, received: number): void {
    if (seq <= this.seqBase) return
    const latency = received - sent
    this.edits.record(latency)
    if (!this.track || sender >= this.track.senders) return
    const index = seq - this.seqBase - 1
    if (index >= this.track.maxSeq) return
    const slot = sender * this.track.maxSeq + index
    this.arrivals!.counts[slot]!++
    if (latency > this.arrivals!.slowest[slot]!) this.arrivals!.slowest[slot] = latency
  }

  caret(_sender: number, seq: number, sent: number, received: number): void {
    if (seq > this.seqBase) this.presence.record(received - sent)
  }
}

function newClient(spec: ParticipantSpec): LightClient {
  const client: LightClient = new LightClient({
    target: spec.target,
    participant: spec.participant,
    onEdit: (sender, seq, sent, received) => recorder?.edit(sender, seq, sent, received),
    onPresence: (sender, seq, sent, received) => recorder?.caret(sender, seq, sent, received),
    onClose: () => reconnecting?.closed(client),
  })
  return client
}

/** Reconnecting after a server went away (arm-reconnect … await-reconnect). */
class Reconnecting {
  readonly closedAt: number[] = []
  readonly syncedAt: number[] = []
  readonly errors: string[] = []
  attempts = 0
  active = true
  private readonly handled = new Set<number>()
  /** Never more than two minutes, whatever the harness asks. */
  private readonly deadline = Date.now() + 120_000

  constructor(readonly armed: LightClient[]) {}

  /** A client's socket closed: if it is one of the armed, open it again as the stock client would. */
  closed(old: LightClient): void {
    const spec = specOf.get(old)
    if (!this.active || !spec || this.handled.has(spec.participant) || !clients.includes(old)) return
    this.handled.add(spec.participant)
    const index = this.closedAt.push(nowMicros()) - 1
    this.syncedAt.push(0)
    void this.again(old, spec, index)
  }

  private async again(old: LightClient, spec: ParticipantSpec, index: number): Promise<void> {
    // y-websocket's schedule: 100 ms after a close, doubling after each failed attempt, at most 5 s.
    for (let failures = 0; this.active && Date.now() < this.deadline; failures++) {
      await sleep(Math.min(5_000, 100 * 2 ** failures))
      if (!this.active) return
      const client = newClient(spec)
      this.attempts++
      try {
        await client.connect(Math.max(1_000, Math.min(10_000, this.deadline - Date.now())))
        this.syncedAt[index] = nowMicros()
        clients[clients.indexOf(old)] = client
        specOf.delete(old)
        specOf.set(client, spec)
        old.destroy()
        return
      } catch (error) {
        if (this.errors.length < 5) this.errors.push(error instanceof Error ? error.message : String(error))
        client.destroy()
      }
    }
  }

  /** Every armed client closed and synced again. */
  get done(): boolean {
    return this.closedAt.length === this.armed.length && this.syncedAt.every((at) => at > 0)
  }
}
let reconnecting: Reconnecting | undefined

async function awaitReconnect(timeoutMs: number): Promise<AgentReply> {
  const state = reconnecting
  if (!state) throw new Error('await-reconnect without arm-reconnect')
  const deadline = Date.now() + Math.min(timeoutMs, 120_000)
  while (!state.done && Date.now() < deadline) await sleep(20)
  state.active = false
  reconnecting = undefined
  return { op: 'reconnected', closedAt: state.closedAt, syncedAt: state.syncedAt, attempts: state.attempts, errors: state.errors }
}

function userOf(participant: number) {
  return { name: `Participant ${participant}`, color: COLORS[participant % COLORS.length]! }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function open(specs: ParticipantSpec[], rampMs: number, timeoutMs: number, presence: boolean): Promise<AgentReply> {
  const join = new Histogram()
  const errors: string[] = []
  let failed = 0
  const started = performance.now()
  await Promise.all(
    specs.map(async (spec, i) => {
      await sleep(Math.max(0, started + (rampMs * i) / specs.length - performance.now()))
      const client = newClient(spec)
      if (presence) client.setPresence({ user: userOf(spec.participant) })
      const t0 = nowMicros()
      try {
        await client.connect(timeoutMs)
        join.record(nowMicros() - t0)
        clients.push(client)
        specOf.set(client, spec)
      } catch (error) {
        failed++
        if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error))
        client.destroy()
      }
    }),
  )
  return { op: 'opened', ok: specs.length - failed, failed, join: join.toJSON(), errors }
}

async function run(
  activity: Activity,
  durationMs: number,
  graceMs: number,
  seqBase: number,
  track?: { senders: number; maxSeq: number },
): Promise<AgentReply> {
  recorder = new Recorder(seqBase, track)
  const closed: Record<number, number> = {}
  const sentBy: Record<number, number> = {}
  const openAtStart = clients.filter((c) => c.open)
  for (const client of openAtStart) {
    client.edits = Math.max(client.edits, seqBase)
    client.presenceMoves = Math.max(client.presenceMoves, seqBase)
  }
  const period = activity.kind === 'idle' ? activity.renewMs : 1000 / activity.perSecond
  const started = performance.now()
  const end = started + durationMs
  let sent = 0
  let maxBufferedBytes = 0
  const timers = new Set<NodeJS.Timeout>()
  for (const client of openAtStart) {
    // A random phase: participants act at steady, spread-out times, never in bursts.
    let next = started + Math.random() * period
    const act = () => {
      timers.delete(timer)
      if (!client.open) return
      if (activity.kind === 'typing') client.edit()
      else if (activity.kind === 'carets') client.moveCaret(userOf(client.participant))
      else client.renewPresence()
      sent++
      sentBy[client.participant] = (sentBy[client.participant] ?? 0) + 1
      maxBufferedBytes = Math.max(maxBufferedBytes, client.bufferedBytes)
      next += period
      if (next < end) schedule()
    }
    let timer: NodeJS.Timeout
    const schedule = () => {
      timer = setTimeout(act, Math.max(0, next - performance.now()))
      timers.add(timer)
    }
    if (next < end) schedule()
  }
  await sleep(durationMs)
  for (const timer of timers) clearTimeout(timer)
  await sleep(graceMs)
  for (const client of openAtStart) if (!client.open) closed[client.closeCode ?? 0] = (closed[client.closeCode ?? 0] ?? 0) + 1
  const result = recorder
  recorder = undefined
  return {
    op: 'ran',
    sent,
    sentBy,
    edits: result.edits.toJSON(),
    presence: result.presence.toJSON(),
    arrivals: result.arrivals,
    closed,
    maxBufferedBytes,
  }
}

async function closeAll(): Promise<AgentReply> {
  await Promise.all(clients.map((client) => Promise.race([client.close(), sleep(3_000)])))
  for (const client of clients) client.destroy()
  clients = []
  specOf.clear()
  return { op: 'closed' }
}

/** Connect, sync, make one edit, disconnect: `cycles` times, `concurrency` at once. */
async function churn(
  targets: Target[],
  cycles: number,
  concurrency: number,
  firstParticipant: number,
  timeoutMs: number,
): Promise<AgentReply> {
  const cycle = new Histogram()
  const errors: string[] = []
  let next = 0
  let done = 0
  let failed = 0
  const loop = async () => {
    while (next < cycles) {
      const index = next++
      const client = new LightClient({ target: targets[index % targets.length]!, participant: firstParticipant + index })
      const t0 = nowMicros()
      try {
        await client.connect(timeoutMs)
        client.edit()
        await Promise.race([client.close(), sleep(timeoutMs)])
        cycle.record(nowMicros() - t0)
        done++
      } catch (error) {
        failed++
        if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error))
      } finally {
        client.destroy()
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop))
  return { op: 'churned', done, failed, cycle: cycle.toJSON(), errors }
}

async function handle(request: AgentRequest): Promise<AgentReply | undefined> {
  switch (request.op) {
    case 'open':
      return open(request.specs, request.rampMs, request.timeoutMs, request.presence)
    case 'run':
      return run(request.activity, request.durationMs, request.graceMs, request.seqBase, request.track)
    case 'close':
      return closeAll()
    case 'churn':
      return churn(request.targets, request.cycles, request.concurrency, request.firstParticipant, request.timeoutMs)
    case 'arm-reconnect':
      reconnecting = new Reconnecting([...clients])
      return { op: 'armed', clients: clients.length }
    case 'await-reconnect':
      return awaitReconnect(request.timeoutMs)
    case 'exit':
      await closeAll()
      process.exit(0)
  }
}

process.on('message', (request: AgentRequest) => {
  handle(request).then(
    (reply) => reply && process.send!(reply),
    (error: unknown) =>
      process.send!({ op: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies AgentReply),
  )
})
// The harness going away takes the agent with it.
process.on('disconnect', () => process.exit(0))
