/** The per-socket read allowance (WS_BUDGET_BYTES_PER_SEC, WS_BUDGET_UPDATES_PER_SEC). */
export interface BudgetRates {
  bytesPerSec: number
  messagesPerSec: number
}

/**
 * Seconds of allowance a quiet socket saves up. A device that was offline for a week sends
 * its work as one sync message of several MiB when it reconnects: the burst lets that through
 * at once, and only what follows it waits.
 */
export const BUDGET_BURST_SECONDS = 4

/** Longest single pause (ms): well inside the 30 s keep-alive, which a paused socket cannot answer. */
const MAX_PAUSE_MS = 10_000

/**
 * A token bucket of bytes and messages. `spend` takes what a message cost and says how long
 * to wait (ms) until the bucket is back to zero; 0 while the socket is within its allowance.
 * A message is never refused: the bucket may go negative, and the wait pays it back.
 */
export class TokenBucket {
  private bytes: number
  private messages: number
  private updatedAt: number

  constructor(
    private readonly rates: BudgetRates,
    private readonly now: () => number = () => performance.now(),
    private readonly burstSeconds = BUDGET_BURST_SECONDS,
  ) {
    this.bytes = rates.bytesPerSec * burstSeconds
    this.messages = rates.messagesPerSec * burstSeconds
    this.updatedAt = now()
  }

  spend(bytes: number, messages = 1): number {
    this.refill()
    this.bytes -= bytes
    this.messages -= messages
    const waitBytes = this.bytes < 0 ? (-this.bytes / this.rates.bytesPerSec) * 1000 : 0
    const waitMessages = this.messages < 0 ? (-this.messages / this.rates.messagesPerSec) * 1000 : 0
    return Math.ceil(Math.max(waitBytes, waitMessages))
  }

  private refill(): void {
    const at = this.now()
    const seconds = (at - this.updatedAt) / 1000
    this.updatedAt = at
    this.bytes = Math.min(this.rates.bytesPerSec * this.burstSeconds, this.bytes + seconds * this.rates.bytesPerSec)
    this.messages = Math.min(this.rates.messagesPerSec * this.burstSeconds, this.messages + seconds * this.rates.messagesPerSec)
  }
}

/** The part of a ws 8 WebSocket the budget drives. */
export interface PausableSocket {
  pause(): void
  resume(): void
  readonly isPaused: boolean
}

/**
 * Back-pressure for one socket: when it has read more than its allowance, reading from it
 * stops (`socket.pause()`: TCP flow control then slows the sender) until the bucket has
 * refilled, instead of closing it. Frames ws had already parsed may still arrive while paused;
 * they are handled and lengthen the pause.
 */
export class ReadBudget {
  private timer: NodeJS.Timeout | undefined
  /** How many times reading from this socket was paused (logs, tests). */
  pauses = 0

  constructor(
    private readonly socket: PausableSocket,
    private readonly bucket: TokenBucket,
  ) {}

  /** Accounts one message; pauses reading if the socket is over its allowance. */
  spend(bytes: number): void {
    const wait = this.bucket.spend(bytes)
    if (wait <= 0) return
    if (this.timer) clearTimeout(this.timer)
    else {
      this.pauses++
      this.socket.pause()
    }
    this.timer = setTimeout(
      () => {
        this.timer = undefined
        this.socket.resume()
      },
      Math.min(wait, MAX_PAUSE_MS),
    )
    this.timer.unref()
  }

  /** The socket closed: no resume pending. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }
}
