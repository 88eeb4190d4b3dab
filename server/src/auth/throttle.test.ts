import { describe, expect, it } from 'vitest'
import { SlidingWindowLimiter } from './throttle'

describe('SlidingWindowLimiter', () => {
  it('allows `limit` events in the window, then says how long to wait', () => {
    const limiter = new SlidingWindowLimiter(3, 60_000)
    for (const t of [0, 10_000, 20_000]) {
      expect(limiter.retryAfterMs('k', t)).toBe(0)
      limiter.record('k', t)
    }
    expect(limiter.retryAfterMs('k', 30_000)).toBe(30_000)
    // The oldest event leaves the window at 60s: one more is allowed then.
    expect(limiter.retryAfterMs('k', 60_000)).toBe(0)
  })

  it('keeps keys apart and clears one on request', () => {
    const limiter = new SlidingWindowLimiter(1, 1000)
    limiter.record('a', 0)
    limiter.record('b', 0)
    limiter.clear('a')
    expect(limiter.retryAfterMs('a', 1)).toBe(0)
    expect(limiter.retryAfterMs('b', 1)).toBe(999)
  })

  it('forgets the least recently touched keys beyond its bound', () => {
    const limiter = new SlidingWindowLimiter(1, 60_000, 100)
    for (let i = 0; i < 1000; i++) limiter.record(`key${i}`, i)
    expect(limiter.size).toBe(100)
    expect(limiter.retryAfterMs('key0', 1000)).toBe(0)
    expect(limiter.retryAfterMs('key999', 1000)).toBeGreaterThan(0)
  })

  it('drops keys whose events have all left the window', () => {
    const limiter = new SlidingWindowLimiter(2, 1000)
    limiter.record('k', 0)
    expect(limiter.retryAfterMs('k', 5000)).toBe(0)
    expect(limiter.size).toBe(0)
  })
})
