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
  return new LightClient({
    target: spec.target,
    participant: spec.participant,
    onEdit: (sender, seq, sent, received) => recorder?.edit(sender, seq, sent, received),
    onPresence: (sender, seq, sent, received) => recorder?.caret(sender, seq, sent, received),
  })
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
