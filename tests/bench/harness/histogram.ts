/** Relative width of a bucket: values are kept to within 1%. */
const GROWTH = 1.02
const LOG_GROWTH = Math.log(GROWTH)
/** Buckets cover 1 µs to about 20 minutes. */
const BUCKETS = Math.ceil(Math.log(1.2e9) / LOG_GROWTH) + 1

/**
 * A log-bucketed histogram of durations in microseconds: constant memory however many
 * samples (a fan-out run records millions), mergeable across processes, percentiles
 * accurate to about 1%.
 */
export class Histogram {
  readonly counts: Float64Array
  count = 0
  max = 0
  sum = 0

  constructor(counts?: ArrayLike<number>) {
    this.counts = new Float64Array(BUCKETS)
    if (counts) {
      this.counts.set(counts)
      for (let i = 0; i < BUCKETS; i++) {
        const n = this.counts[i]!
        if (n === 0) continue
        this.count += n
        this.sum += n * valueOf(i)
        this.max = Math.max(this.max, valueOf(i))
      }
    }
  }

  record(micros: number): void {
    const value = micros < 1 ? 1 : micros
    this.counts[Math.min(BUCKETS - 1, Math.round(Math.log(value) / LOG_GROWTH))]!++
    this.count++
    this.sum += value
    if (value > this.max) this.max = value
  }

  merge(other: Histogram | ArrayLike<number>): this {
    const counts = other instanceof Histogram ? other.counts : other
    for (let i = 0; i < BUCKETS; i++) {
      const n = counts[i]!
      if (n === 0) continue
      this.counts[i]! += n
      this.count += n
      this.sum += n * valueOf(i)
      this.max = Math.max(this.max, valueOf(i))
    }
    return this
  }

  /** The value below which `p` (0–1) of the samples fall; NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN
    const rank = Math.max(1, Math.ceil(p * this.count))
    let seen = 0
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!
      if (seen >= rank) return Math.min(valueOf(i), this.max)
    }
    return this.max
  }

  /**
   * The `p` percentile when `total` samples were expected but only `count` arrived: the
   * missing ones count as slower than any that arrived (Infinity if the percentile falls
   * among them).
   */
  percentileOf(total: number, p: number): number {
    if (total === 0) return Number.NaN
    const rank = Math.max(1, Math.ceil(p * total))
    if (rank > this.count) return Number.POSITIVE_INFINITY
    return this.percentile(rank / this.count)
  }

  get mean(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count
  }

  /** Plain numbers for JSON and IPC: only the non-empty buckets. */
  toJSON(): { buckets: [number, number][] } {
    const buckets: [number, number][] = []
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]! > 0) buckets.push([i, this.counts[i]!])
    return { buckets }
  }

  static fromJSON(json: { buckets: [number, number][] }): Histogram {
    const counts = new Float64Array(BUCKETS)
    for (const [i, n] of json.buckets) counts[i] = n
    return new Histogram(counts)
  }

  /** p50, p99 and max in milliseconds, for reports. */
  summary(): { count: number; p50: number; p99: number; max: number } {
    return { count: this.count, p50: this.percentile(0.5) / 1000, p99: this.percentile(0.99) / 1000, max: this.max / 1000 }
  }
}

function valueOf(bucket: number): number {
  return GROWTH ** bucket
}
