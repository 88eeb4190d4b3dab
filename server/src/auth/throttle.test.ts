import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { openDb, type Db } from '../db/open'
import { throttleEvents } from '../db/schema'
import { sqliteRepositories } from '../repos/sqlite'
import { createTestDeps, expectError, TEST_PASSWORD, TestClient, type TestContext } from '../test-support'
import { hashThrottleKey, SlidingWindowLimiter, THROTTLE_PRUNE_BATCH } from './throttle'

describe('SlidingWindowLimiter (in SQLite)', () => {
  let dataDir: string
  let db: Db
  const opened: Db[] = []
  const rows = () => db.select().from(throttleEvents).all()

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-throttle-'))
    db = openDb({ dataDir })
    opened.push(db)
  })

  afterEach(() => {
    for (const each of opened.splice(0)) each.$client.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('allows `limit` events in the window, then says how long to wait', async () => {
    const limiter = new SlidingWindowLimiter(sqliteRepositories(db).throttles, 'login_failure', 3, 60_000)
    for (const t of [0, 10_000, 20_000]) {
      expect(await limiter.retryAfterMs('k', t)).toBe(0)
      await limiter.record('k', t)
    }
    expect(await limiter.retryAfterMs('k', 30_000)).toBe(30_000)
    // The oldest event leaves the window at 60s: one more is allowed then.
    expect(await limiter.retryAfterMs('k', 60_000)).toBe(0)
  })

  it('keeps keys and buckets apart, and clears one key on request', async () => {
    const logins = new SlidingWindowLimiter(sqliteRepositories(db).throttles, 'login_failure', 1, 1000)
    const registrations = new SlidingWindowLimiter(sqliteRepositories(db).throttles, 'registration', 1, 1000)
    await logins.record('a', 0)
    await logins.record('b', 0)
    await registrations.record('a', 0)
    await logins.clear('a')
    expect(await logins.retryAfterMs('a', 1)).toBe(0)
    expect(await logins.retryAfterMs('b', 1)).toBe(999)
    expect(await registrations.retryAfterMs('a', 1)).toBe(999)
  })

  it('stores the SHA-256 of the key, never the email or address', async () => {
    const limiter = new SlidingWindowLimiter(sqliteRepositories(db).throttles, 'login_failure', 5, 60_000)
    await limiter.record('email:kaitiaki@example.nz', 0)
    await limiter.record('ip:203.0.113.9', 0)
    const stored = rows()
    expect(stored.map((row) => row.keyHash).sort()).toEqual(
      [hashThrottleKey('email:kaitiaki@example.nz'), hashThrottleKey('ip:203.0.113.9')].sort(),
    )
    const dump = JSON.stringify(db.$client.prepare('SELECT * FROM throttle_events').all())
    expect(dump).not.toContain('kaitiaki')
    expect(dump).not.toContain('203.0.113.9')
  })

  it('keeps at most `limit` events of a key', async () => {
    const limiter = new SlidingWindowLimiter(sqliteRepositories(db).throttles, 'login_failure', 3, 60_000)
    for (let i = 0; i < 50; i++) await limiter.record('k', i)
    expect(rows().map((row) => row.at)).toEqual([47, 48, 49])
    expect(await limiter.retryAfterMs('k', 50)).toBe(60_000 + 47 - 50)
  })

  it('prunes expired rows of every bucket on write, a bounded batch at a time', async () => {
    const joins = new SlidingWindowLimiter(sqliteRepositories(db).throttles, 'join_failure', 2, 1000)
    const logins = new SlidingWindowLimiter(sqliteRepositories(db).throttles, 'login_failure', 2, 60_000)
    const stale = THROTTLE_PRUNE_BATCH * 2 + 50
    for (let i = 0; i < stale; i++) await joins.record(`ip:${i}`, 0)
    expect(rows()).toHaveLength(stale)
    // Long after the join window: each write elsewhere removes one batch of the dead rows.
    await logins.record('email:a', 5000)
    expect(rows()).toHaveLength(stale - THROTTLE_PRUNE_BATCH + 1)
    await logins.record('email:b', 5000)
    await logins.record('email:c', 5000)
    expect(rows().map((row) => row.bucket)).toEqual(['login_failure', 'login_failure', 'login_failure'])
  })

  it('counts for every connection to the database, and survives reopening it', async () => {
    const first = new SlidingWindowLimiter(sqliteRepositories(db).throttles, 'login_failure', 2, 60_000)
    const otherDb = openDb({ dataDir })
    opened.push(otherDb)
    const second = new SlidingWindowLimiter(sqliteRepositories(otherDb).throttles, 'login_failure', 2, 60_000)
    await first.record('email:a', 0)
    await second.record('email:a', 1000)
    expect(await first.retryAfterMs('email:a', 2000)).toBe(58_000)
    expect(await second.retryAfterMs('email:a', 2000)).toBe(58_000)
    db.$client.close()
    opened.splice(opened.indexOf(db), 1)
    db = openDb({ dataDir })
    opened.push(db)
    expect(await new SlidingWindowLimiter(sqliteRepositories(db).throttles, 'login_failure', 2, 60_000).retryAfterMs('email:a', 2000)).toBe(
      58_000,
    )
  })
})

describe('throttles shared by two app instances on one database (two processes)', () => {
  let t: TestContext
  let other: (typeof t)['app']
  beforeEach(async () => {
    t = await createTestDeps({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_MS: '60000', JOIN_MAX_FAILURES: '4' } })
    other = createApp(t.deps)
  })
  afterEach(() => t.cleanup())

  it('failed sign-ins through one count for the other', async () => {
    await t.client().register({ email: 'shared@example.nz' })
    for (let i = 0; i < 3; i++) {
      await expectError(await t.client().login('shared@example.nz', `guess number ${i}`), 401, 'invalid_credentials')
      t.clock.advance(1000)
    }
    const locked = await new TestClient(other).login('shared@example.nz')
    await expectError(locked, 429, 'rate_limited')
    expect(locked.headers.get('retry-after')).toBe('57')
    t.clock.advance(57_000)
    expect((await new TestClient(other).login('shared@example.nz')).status).toBe(200)
  })

  it('failed join codes through one count for the other', async () => {
    const guesser = t.client()
    for (let guess = 0; guess < 4; guess++) await expectError(await guesser.get(`/api/join/ZZZZZZZZ${guess + 2}Z`), 404, 'not_found')
    const limited = await new TestClient(other).get('/api/join/ZZZZZZZZZZ')
    await expectError(limited, 429, 'rate_limited')
    expect(limited.headers.get('retry-after')).toBe('900')
  })

  it('registrations through one count for the other', async () => {
    const first = t.client()
    for (let i = 0; i < 20; i++) await (i % 2 === 0 ? first : new TestClient(other)).register()
    const response = await new TestClient(other).post('/api/auth/register', {
      email: 'one-more@example.nz',
      name: 'One more',
      password: TEST_PASSWORD,
    })
    await expectError(response, 429, 'rate_limited')
    expect(response.headers.get('retry-after')).toBe('3600')
  })
})
