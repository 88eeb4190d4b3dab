import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Hono } from 'hono'
import { expect } from 'vitest'
import { z } from 'zod'
import {
  API_ERROR_CODES,
  type CreateInviteBody,
  type CreatePlanBody,
  type ErrorBody,
  type Invite,
  type InviteAccepted,
  type Me,
  type PlanSummary,
} from '@hononga/shared'
import { createApp } from './app'
import type { AppDeps, AppEnv } from './app-env'
import { systemClock } from './collab'
import { loadConfig } from './config'
import { openDb, type Db } from './db/open'
import { sqliteRepositories } from './repos/sqlite'
import { createSqliteDocStore } from './collab/sqlite-doc-store'
import { soleOwner } from './collab/ownership'
import { SESSION_COOKIE } from './db/sessions'
import { createLogger } from './log'
import { createMailer } from './mail/mailer'
import { createCollabEngine } from './server'

/**
 * Test harness for the HTTP app: real SQLite in a temp folder, the real sync engine, a
 * clock the test moves by hand, and clients that keep their session cookie. No mocks.
 */

/** The origin `app.request()` gives every request (http://localhost/...). */
export const TEST_ORIGIN = 'http://localhost'
export const TEST_PASSWORD = 'correct horse battery staple'

export interface TestClock {
  now: number
  advance(ms: number): void
}

export interface TestOverrides {
  /** Extra environment for loadConfig (e.g. LOGIN_MAX_FAILURES). */
  env?: Record<string, string>
  /** Replaces the hand-moved clock. */
  now?: () => number
}

export interface TestContext {
  deps: AppDeps
  /** The SQLite database under `deps.repos`, for setting up and checking rows directly. */
  db: Db
  app: Hono<AppEnv>
  clock: TestClock
  dataDir: string
  /** A client with no session yet. */
  client(options?: ClientOptions): TestClient
  /** Registers a new person (unique email) and returns their signed-in client. */
  signUp(name?: string): Promise<TestClient>
  /** Closes the engine and database and removes the temp folder. */
  cleanup(): Promise<void>
}

let sequence = 0

export async function createTestDeps(overrides: TestOverrides = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-test-'))
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    // Never serve a real client build from the repository in unit tests.
    CLIENT_DIST: path.join(dataDir, 'no-client'),
    ...overrides.env,
  })
  const db = openDb({ dataDir })
  const log = createLogger('silent')
  const clock: TestClock = {
    now: Date.UTC(2025, 2, 1, 9, 0, 0),
    advance(ms) {
      this.now += ms
    },
  }
  const now = overrides.now ?? (() => clock.now)
  const repos = sqliteRepositories(db)
  const storage = { repos, store: createSqliteDocStore(db), ownership: soleOwner, control: undefined }
  const collab = createCollabEngine({ storage, config, log, now, clock: systemClock })
  // Mail is on only when the test gives SMTP_URL (and MAIL_FROM) in `env`; then its sender runs too.
  const mail = createMailer({ config, repos, log, now })
  mail.start()
  const deps: AppDeps = { config, repos, log, collab, now, mail }
  const app = createApp(deps)
  const client = (options: ClientOptions = {}) => new TestClient(app, options)
  return {
    deps,
    db,
    app,
    clock,
    dataDir,
    client,
    async signUp(name = 'Aroha Tester') {
      const person = client()
      await person.register({ name })
      return person
    },
    async cleanup() {
      await mail.stop()
      await collab.close()
      db.$client.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface ClientOptions {
  /** Origin header sent with every request; null sends none. Default http://localhost. */
  origin?: string | null
}

export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown
  /** Sent as is (for malformed bodies). */
  body?: string
  headers?: Record<string, string>
  /** Overrides the client's Origin for this request; null sends none. */
  origin?: string | null
}

/** A browser stand-in: keeps the session cookie between requests and sends an Origin. */
export class TestClient {
  cookie: string | null = null
  me: Me | null = null
  private readonly origin: string | null

  constructor(
    private readonly app: Hono<AppEnv>,
    options: ClientOptions = {},
  ) {
    this.origin = options.origin === undefined ? TEST_ORIGIN : options.origin
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers }
    const origin = options.origin === undefined ? this.origin : options.origin
    if (origin !== null) headers.origin = origin
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`
    let body = options.body
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      headers['content-type'] ??= 'application/json'
    }
    const response = await this.app.request(url, { method, headers, body })
    this.keepCookie(response)
    return response
  }

  get(url: string, options?: RequestOptions) {
    return this.request('GET', url, options)
  }
  post(url: string, json?: unknown, options?: RequestOptions) {
    return this.request('POST', url, { ...options, json })
  }
  patch(url: string, json?: unknown, options?: RequestOptions) {
    return this.request('PATCH', url, { ...options, json })
  }
  delete(url: string, options?: RequestOptions) {
    return this.request('DELETE', url, options)
  }

  /** Registers with a unique email unless one is given; throws unless 201. */
  async register(input: { email?: string; name?: string; password?: string } = {}): Promise<Me> {
    sequence += 1
    const response = await this.post('/api/auth/register', {
      email: input.email ?? `person${sequence}-${Date.now()}@example.nz`,
      name: input.name ?? `Person ${sequence}`,
      password: input.password ?? TEST_PASSWORD,
    })
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`)
    this.me = (await response.json()) as Me
    return this.me
  }

  async login(email: string, password = TEST_PASSWORD): Promise<Response> {
    return this.post('/api/auth/login', { email, password })
  }

  /** Reads a JSON body with the type the test expects, after checking the status. */
  static async json<T>(response: Response, status = 200): Promise<T> {
    if (response.status !== status) {
      throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`)
    }
    return (await response.json()) as T
  }

  private keepCookie(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim())
      const [name, value] = (pair ?? '').split('=')
      if (name !== SESSION_COOKIE) continue
      const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || value === ''
      this.cookie = expired ? null : (value ?? null)
    }
  }
}

/** `ErrorBody` from `@hononga/shared`, refusing extra keys (a stack trace, say). */
const StrictErrorBody = z.strictObject({
  error: z.strictObject({ code: z.enum(API_ERROR_CODES), message: z.string().min(1) }),
})

/** Asserts an error response: its status, its code, and that the body is exactly an ErrorBody. */
export async function expectError(response: Response, status: number, code: ErrorBody['error']['code']): Promise<ErrorBody> {
  const raw: unknown = await response.json()
  expect({ status: response.status, body: raw }).toMatchObject({ status, body: { error: { code } } })
  const parsed = StrictErrorBody.safeParse(raw)
  expect(parsed.success, JSON.stringify(raw)).toBe(true)
  return raw as ErrorBody
}

/** Creates a plan as `facilitator` (a signed-in client). */
export async function createPlan(facilitator: TestClient, body: Partial<CreatePlanBody> = {}): Promise<PlanSummary> {
  const response = await facilitator.post('/api/plans', { title: 'Mahere ā-rohe', community: 'Kaitaia', ...body })
  return TestClient.json<PlanSummary>(response, 201)
}

/** Invites a new person to a plan with the given terms and has them accept; returns their client. */
export async function addMember(
  t: TestContext,
  facilitator: TestClient,
  planId: string,
  terms: CreateInviteBody,
  name?: string,
): Promise<TestClient> {
  const invite = await TestClient.json<Invite>(await facilitator.post(`/api/plans/${planId}/invites`, terms), 201)
  const person = await t.signUp(name)
  await TestClient.json<InviteAccepted>(await person.post(`/api/invites/${invite.code}/accept`))
  return person
}
