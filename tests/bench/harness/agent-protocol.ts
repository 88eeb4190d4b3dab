import type { Target } from './wire'

/** Messages between the harness (main process) and its load-generating agent processes. */

export interface ParticipantSpec {
  participant: number
  target: Target
}

export type Activity =
  /** Each participant makes one edit every 1/perSecond s, starting at a random phase. */
  | { kind: 'typing'; perSecond: number }
  /** Each participant moves its caret (a presence update) every 1/perSecond s. */
  | { kind: 'carets'; perSecond: number }
  /** Each participant only renews its presence every renewMs, as an idle stock client does. */
  | { kind: 'idle'; renewMs: number }

export type AgentRequest =
  | {
      op: 'open'
      specs: ParticipantSpec[]
      /** Connections start spread evenly over this many ms. */
      rampMs: number
      timeoutMs: number
      /** Publish a presence state on joining (as the stock client does). */
      presence: boolean
    }
  | {
      op: 'run'
      activity: Activity
      durationMs: number
      /** Time left for the last deliveries after sending stops. */
      graceMs: number
      /** Sequence numbers of this run start above this (earlier markers are not counted). */
      seqBase: number
      /** Track per-edit arrival (count and slowest receiver) for senders < senders, seq < maxSeq. */
      track?: { senders: number; maxSeq: number }
    }
  | { op: 'close' }
  | {
      op: 'churn'
      targets: Target[]
      cycles: number
      concurrency: number
      firstParticipant: number
      timeoutMs: number
    }
  /**
   * From now on, a participant whose socket closes reconnects as the stock y-websocket client
   * does (after 100 ms, doubling after each failed attempt, at most 5 s apart), until synced
   * again; answered at once, so the harness knows the agents are ready before it kills a server.
   */
  | { op: 'arm-reconnect' }
  /** Waits until every armed participant is synced again (or `timeoutMs`), then disarms. */
  | { op: 'await-reconnect'; timeoutMs: number }
  | { op: 'exit' }

export interface HistogramJSON {
  buckets: [number, number][]
}

export type AgentReply =
  | { op: 'opened'; ok: number; failed: number; join: HistogramJSON; errors: string[] }
  | {
      op: 'ran'
      sent: number
      /** Edits (or caret moves) each participant of this agent made in the run. */
      sentBy: Record<number, number>
      edits: HistogramJSON
      presence: HistogramJSON
      arrivals?: { counts: Uint32Array; slowest: Float64Array }
      /** Sockets that closed during the run, by close code. */
      closed: Record<number, number>
      /** Largest backlog a socket of this agent had queued to send, in bytes. */
      maxBufferedBytes: number
    }
  | { op: 'closed' }
  | { op: 'churned'; done: number; failed: number; cycle: HistogramJSON; errors: string[] }
  | { op: 'armed'; clients: number }
  | {
      op: 'reconnected'
      /** Per participant that lost its socket: when it closed and when sync step 2 came on a new one (nowMicros; 0: never). */
      closedAt: number[]
      syncedAt: number[]
      /** Connection attempts made, refused or failed ones included. */
      attempts: number
      errors: string[]
    }
  | { op: 'error'; message: string }
