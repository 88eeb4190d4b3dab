import { fork, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import type { Activity, AgentReply, AgentRequest, ParticipantSpec } from './agent-protocol'
import { Histogram } from './histogram'
import type { Target } from './wire'

const AGENT_ENTRY = new URL('./agent.ts', import.meta.url).pathname

type Reply<K extends AgentReply['op']> = Extract<AgentReply, { op: K }>

/** One agent process and its one outstanding request. */
class Agent {
  private readonly child: ChildProcess
  private waiting: { resolve: (reply: AgentReply) => void; reject: (error: Error) => void } | undefined

  constructor() {
    this.child = fork(AGENT_ENTRY, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (reply: AgentReply) => {
      const waiting = this.waiting
      this.waiting = undefined
      if (reply.op === 'error') waiting?.reject(new Error(`agent failed: ${reply.message}`))
      else waiting?.resolve(reply)
    })
    this.child.on('exit', (code) => {
      this.waiting?.reject(new Error(`agent exited with ${code}`))
      this.waiting = undefined
    })
  }

  get pid(): number {
    return this.child.pid!
  }

  request<K extends AgentReply['op']>(request: AgentRequest, timeoutMs: number): Promise<Reply<K>> {
    if (this.waiting) throw new Error('agent is busy')
    return new Promise<Reply<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined
        reject(new Error(`agent did not answer ${request.op} within ${timeoutMs} ms`))
      }, timeoutMs)
      this.waiting = {
        resolve: (reply) => {
          clearTimeout(timer)
          resolve(reply as Reply<K>)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      }
      this.child.send(request)
    })
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL')
  }
}

export interface RunResult {
  sent: number
  /** Per participant: edits (or caret moves) made in the run. */
  sentBy: Record<number, number>
  edits: Histogram
  presence: Histogram
  /** Per tracked edit: receivers reached and the slowest receiver's latency (µs). */
  arrivals?: { counts: Uint32Array; slowest: Float64Array }
  closed: Record<number, number>
  maxBufferedBytes: number
}

/**
 * The load generator: a few agent processes (one per core by default) over which the
 * participants of a scenario are spread round-robin, so that generating load is not the
 * bottleneck and its CPU can be measured (`pids`).
 */
export class AgentPool {
  private readonly agents: Agent[]

  constructor(size = Math.min(2, os.cpus().length)) {
    this.agents = Array.from({ length: size }, () => new Agent())
  }

  get size(): number {
    return this.agents.length
  }

  /** This process and every agent: what the load generator's CPU is measured over. */
  pids(): number[] {
    return [process.pid, ...this.agents.map((agent) => agent.pid)]
  }

  private split<T>(items: T[]): T[][] {
    const parts: T[][] = this.agents.map(() => [])
    items.forEach((item, i) => parts[i % parts.length]!.push(item))
    return parts
  }

  /** Connects every participant (spread over `rampMs`) and waits until each is synced or failed. */
  async open(specs: ParticipantSpec[], { rampMs = 0, timeoutMs = 30_000, presence = false } = {}) {
    const parts = this.split(specs)
    const replies = await Promise.all(
      this.agents.map((agent, i) =>
        agent.request<'opened'>({ op: 'open', specs: parts[i]!, rampMs, timeoutMs, presence }, rampMs + timeoutMs + 30_000),
      ),
    )
    const join = new Histogram()
    for (const reply of replies) join.merge(Histogram.fromJSON(reply.join))
    return {
      ok: replies.reduce((n, r) => n + r.ok, 0),
      failed: replies.reduce((n, r) => n + r.failed, 0),
      join,
      errors: replies.flatMap((r) => r.errors),
    }
  }

  /** Runs an activity on every open participant for `durationMs`, then collects what was received. */
  async run(
    activity: Activity,
    durationMs: number,
    options: { graceMs?: number; seqBase: number; track?: { senders: number; maxSeq: number } },
  ): Promise<RunResult> {
    const graceMs = options.graceMs ?? 2_000
    const replies = await Promise.all(
      this.agents.map((agent) =>
        agent.request<'ran'>(
          { op: 'run', activity, durationMs, graceMs, seqBase: options.seqBase, track: options.track },
          durationMs + graceMs + 60_000,
        ),
      ),
    )
    const result: RunResult = { sent: 0, sentBy: {}, edits: new Histogram(), presence: new Histogram(), closed: {}, maxBufferedBytes: 0 }
    for (const reply of replies) {
      result.sent += reply.sent
      Object.assign(result.sentBy, reply.sentBy)
      result.edits.merge(Histogram.fromJSON(reply.edits))
      result.presence.merge(Histogram.fromJSON(reply.presence))
      result.maxBufferedBytes = Math.max(result.maxBufferedBytes, reply.maxBufferedBytes)
      for (const [code, n] of Object.entries(reply.closed)) result.closed[Number(code)] = (result.closed[Number(code)] ?? 0) + n
      if (reply.arrivals) {
        if (!result.arrivals)
          result.arrivals = {
            counts: new Uint32Array(reply.arrivals.counts.length),
            slowest: new Float64Array(reply.arrivals.slowest.length),
          }
        for (let i = 0; i < reply.arrivals.counts.length; i++) {
          result.arrivals.counts[i]! += reply.arrivals.counts[i]!
          if (reply.arrivals.slowest[i]! > result.arrivals.slowest[i]!) result.arrivals.slowest[i] = reply.arrivals.slowest[i]!
        }
      }
    }
    return result
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.agents.map((agent) => agent.request<'closed'>({ op: 'close' }, 60_000)))
  }

  /** Connect/edit/disconnect cycles, split over the agents. */
  async churn(targets: Target[], cycles: number, concurrency: number, timeoutMs = 30_000) {
    const perAgent = Math.ceil(cycles / this.agents.length)
    const replies = await Promise.all(
      this.agents.map((agent, i) =>
        agent.request<'churned'>(
          {
            op: 'churn',
            targets,
            cycles: Math.min(perAgent, Math.max(0, cycles - i * perAgent)),
            concurrency: Math.max(1, Math.round(concurrency / this.agents.length)),
            firstParticipant: 1_000_000 + i * perAgent,
            timeoutMs,
          },
          cycles * timeoutMs,
        ),
      ),
    )
    const cycle = new Histogram()
    for (const reply of replies) cycle.merge(Histogram.fromJSON(reply.cycle))
    return {
      done: replies.reduce((n, r) => n + r.done, 0),
      failed: replies.reduce((n, r) => n + r.failed, 0),
      cycle,
      errors: replies.flatMap((r) => r.errors),
    }
  }

  /** Every open participant reconnects, as the stock client would, once its socket closes; returns how many are armed. */
  async armReconnect(): Promise<number> {
    const replies = await Promise.all(this.agents.map((agent) => agent.request<'armed'>({ op: 'arm-reconnect' }, 30_000)))
    return replies.reduce((n, r) => n + r.clients, 0)
  }

  /** Waits (at most `timeoutMs`) until every armed participant is synced again; when each closed and synced (µs, nowMicros). */
  async awaitReconnect(timeoutMs: number) {
    const replies = await Promise.all(
      this.agents.map((agent) => agent.request<'reconnected'>({ op: 'await-reconnect', timeoutMs }, timeoutMs + 30_000)),
    )
    return {
      closedAt: replies.flatMap((r) => r.closedAt),
      syncedAt: replies.flatMap((r) => r.syncedAt),
      attempts: replies.reduce((n, r) => n + r.attempts, 0),
      errors: replies.flatMap((r) => r.errors),
    }
  }

  kill(): void {
    for (const agent of this.agents) agent.kill()
  }
}
