import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { openDb } from '@hononga/server'
import { addFocusArea, listFocusAreas } from '@hononga/shared'
import { copySqliteToPostgres, CopyRefusedError } from '../../server/src/copy-to-postgres'
import * as sqliteSchema from '../../server/src/db/schema'
import { ApiClient } from './support/api'
import { connectPg } from './support/pg-client'
import { describeWithPostgres, startPostgres, type PgServer } from './support/postgres'
import { REPO_ROOT, spawnServer, tempDataDir, type SpawnedServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool, type PlanClient } from './support/yclient'

/**
 * `pnpm copy-to-postgres`, run as the command: a SQLite installation made through the real server
 * (people, a plan edited over y-websocket, a named snapshot, invites, a join code and its request,
 * the audit log, a throttled login) is copied into a fresh PostgreSQL database, and a server on
 * PostgreSQL then gives every person the same answers. The command refuses a target that is not
 * empty and a data folder whose server runs. The work itself, in this process: large blobs over
 * several batches, booleans, sequences past every id SQLite issued, a table PostgreSQL lacks.
 */

const PASSWORD = 'correct horse battery staple'
const exec = promisify(execFile)
const running: SpawnedServer[] = []
const pool = new ClientPool()
let postgres: PgServer

interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/** The command as an operator runs it, with DATA_DIR and DATABASE_URL in its environment. */
async function copyCommand(dataDir: string, databaseUrl: string): Promise<CommandResult> {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl }
  return exec(process.execPath, ['--import', 'tsx', 'server/src/copy-to-postgres-main.ts'], { cwd: REPO_ROOT, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )
}

async function start(options: Parameters<typeof spawnServer>[0] = {}): Promise<SpawnedServer> {
  const server = await spawnServer(options)
  running.push(server)
  return server
}

async function stop(server: SpawnedServer): Promise<void> {
  running.splice(running.indexOf(server), 1)
  expect(await server.stop('SIGTERM')).toBe(0)
}

/** Signs `email` in afresh at `url`, with the password it registered with. */
async function signIn(url: string, email: string): Promise<ApiClient> {
  const api = new ApiClient(url)
  const answer = await api.request<{ email: string }>('POST', '/api/auth/login', { email, password: PASSWORD })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return api
}

const titles = (client: PlanClient) => listFocusAreas(client.doc).map((area) => area.title.toString())

async function rowCount(url: string, table: string): Promise<number> {
  const client = await connectPg(url)
  try {
    return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n)
  } finally {
    await client.end()
  }
}

/** Rows in every table of the SQLite database of `dataDir`, read directly. */
function sourceCounts(dataDir: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'hononga.db'), { readonly: true })
  try {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
      )
      .all()
    return Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]),
    )
  } finally {
    db.close()
  }
}

async function publicTables(url: string): Promise<string[]> {
  const client = await connectPg(url)
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    )
    return rows.map((row) => row.name)
  } finally {
    await client.end()
  }
}

describeWithPostgres('pnpm copy-to-postgres', () => {
  beforeAll(async () => {
    postgres = await startPostgres()
  })
  afterEach(async () => {
    pool.destroyAll()
    for (const server of running.splice(0)) await server.stop('SIGKILL')
  })
  afterAll(async () => {
    await postgres?.stop()
  })

  it('moves an installation: the same people sign in with the same passwords and see the same plans, content and history', async () => {
    // An installation on SQLite, made as people make it.
    const sqliteServer = await start()
    const { dataDir } = sqliteServer
    const aroha = await new ApiClient(sqliteServer.url).register('Aroha Facilitator')
    const hemi = await new ApiClient(sqliteServer.url).register('Hemi Editor')
    const rawiri = await new ApiClient(sqliteServer.url).register('Rāwiri Manuhiri')
    const planId = await aroha.createPlan('Kawerau community plan', 'Kawerau')
    const otherPlanId = await aroha.createPlan('Ōpōtiki community plan', 'Ōpōtiki')
    await aroha.invite(planId, hemi, 'editor')
    const pending = await aroha.request('POST', `/api/plans/${planId}/invites`, {
      role: 'viewer',
      affiliation: 'agency',
      organisation: 'MSD',
    })
    expect(pending.status).toBe(201)

    const arohaClient = await pool.join(aroha, sqliteServer.wsUrl, planId)
    const hemiClient = await pool.join(hemi, sqliteServer.wsUrl, planId)
    for (const title of ['Rangatahi', 'Kaumātua']) addFocusArea(arohaClient.doc, { title })
    for (const title of ['Whānau', 'Kai']) addFocusArea(hemiClient.doc, { title })
    await waitFor(() => titles(arohaClient).length === 4 && titles(hemiClient).length === 4, { message: 'four focus areas on both' })
    const written = titles(arohaClient).sort()
    expect(titles(hemiClient).sort()).toEqual(written)

    const snapshot = await aroha.request<{ id: string }>('POST', `/api/plans/${planId}/snapshots`, { label: 'Before the hui' })
    expect(snapshot.status).toBe(201)
    expect((await aroha.request('POST', `/api/plans/${planId}/hui/start`, {})).status).toBe(200)
    const joinCode = await aroha.request<{ code: string }>('POST', `/api/plans/${planId}/join-code`, {})
    expect(joinCode.status).toBe(201)
    const joined = await rawiri.request<{ requestId: string }>('POST', `/api/join/${joinCode.body.code}`, { affiliation: 'community' })
    expect(joined.status).toBe(201)
    // A failed sign-in: a throttle event (an identity column of its own).
    const wrong = await new ApiClient(sqliteServer.url).request('POST', '/api/auth/login', { email: hemi.user!.email, password: 'not it' })
    expect(wrong.status).toBe(401)
    pool.destroyAll()
    await stop(sqliteServer)

    // What everyone sees, read from a server on the stopped installation (which changes nothing).
    const answers = async (url: string, sessions: { aroha: ApiClient; hemi: ApiClient; rawiri: ApiClient }) => {
      const get = async (who: ApiClient, path: string) => {
        const answer = await who.at(url).request('GET', path)
        expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200)
        // Links (invites, join codes) name the server that answered.
        return JSON.parse(JSON.stringify(answer.body).replaceAll(url, 'ORIGIN')) as unknown
      }
      const plan = `/api/plans/${planId}`
      return {
        arohaPlans: await get(sessions.aroha, '/api/plans'),
        hemiPlans: await get(sessions.hemi, '/api/plans'),
        detail: await get(sessions.aroha, plan),
        document: await get(sessions.hemi, `${plan}/document`),
        otherDocument: await get(sessions.aroha, `/api/plans/${otherPlanId}/document`),
        snapshots: await get(sessions.hemi, `${plan}/snapshots`),
        snapshot: await get(sessions.aroha, `${plan}/snapshots/${snapshot.body.id}`),
        invites: await get(sessions.aroha, `${plan}/invites`),
        partners: await get(sessions.aroha, `${plan}/partners`),
        joinRequests: await get(sessions.aroha, `${plan}/join-requests`),
        myRequest: await get(sessions.rawiri, `/api/join-requests/${joined.body.requestId}`),
        audit: await get(sessions.hemi, `${plan}/audit`),
      }
    }
    const reader = await start({ dataDir })
    const before = await answers(reader.url, { aroha, hemi, rawiri })
    expect(before.audit).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'snapshot.created' })]))
    await stop(reader)

    const target = await postgres.createDatabase('moved')
    const copied = await copyCommand(dataDir, target)
    expect(copied.code, copied.stderr).toBe(0)
    expect(copied.stdout).toMatch(/^ {2}users +3 rows$/m)
    expect(copied.stdout).toMatch(/^ {2}members +3 rows$/m)
    expect(copied.stdout).toMatch(/^ {2}doc_updates +\d+ rows, .*next id \d+$/m)
    expect(copied.stdout).toMatch(/^ {2}plan_leases +PostgreSQL only: left empty$/m)
    expect(copied.stdout).toContain("every table's row count matches")
    // Checked here too, apart from the command's own check: every table, row for row.
    const source = sourceCounts(dataDir)
    expect(Object.keys(source)).toEqual(expect.arrayContaining(['audit_log', 'join_requests', 'snapshots', 'throttle_events']))
    for (const [table, rows] of Object.entries(source)) expect(await rowCount(target, table), table).toBe(rows)

    // The same installation, now on PostgreSQL: fresh sign-ins with the old passwords, and the old sessions too.
    const pgServer = await start({ env: { DATABASE_URL: target } })
    const signedIn = {
      aroha: await signIn(pgServer.url, aroha.user!.email),
      hemi: await signIn(pgServer.url, hemi.user!.email),
      rawiri: await signIn(pgServer.url, rawiri.user!.email),
    }
    // The same person, with what the account holds beyond registration's answer (language, verification) copied too.
    expect((await aroha.at(pgServer.url).request('GET', '/api/me')).body).toMatchObject({
      ...aroha.user,
      language: 'en',
      emailVerified: false,
    })
    expect(await answers(pgServer.url, signedIn)).toEqual(before)
    const reading = await pool.join(signedIn.hemi, pgServer.wsUrl, planId)
    expect(titles(reading).sort()).toEqual(written)

    // It goes on working: an edit reaches another person, and new rows take new ids (the sequences moved past the copied ones).
    const writing = await pool.join(signedIn.aroha, pgServer.wsUrl, planId)
    addFocusArea(writing.doc, { title: 'Written on PostgreSQL' })
    await waitFor(() => titles(reading).includes('Written on PostgreSQL'), { message: 'the new edit reaches Hemi' })
    const invite = await signedIn.aroha.request('POST', `/api/plans/${planId}/invites`, { role: 'viewer', affiliation: 'police' })
    expect(invite.status).toBe(201)
    const audit = await signedIn.aroha.request<{ id: number; event: string }[]>('GET', `/api/plans/${planId}/audit`)
    expect(audit.body[0]).toMatchObject({ event: 'invite.created' })
    expect(audit.body.length).toBe((before.audit as unknown[]).length + 1)
    pool.destroyAll()
    await pgServer.stop('SIGKILL')

    // A second copy into the same (now filled) database is refused, naming a table, and changes nothing.
    const users = await rowCount(target, 'users')
    const again = await copyCommand(dataDir, target)
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/Copy refused: The PostgreSQL database .*\/moved is not empty: the table "\w+" has rows/)
    expect(again.stderr).toMatch(/\busers\b/)
    expect(await rowCount(target, 'users')).toBe(users)
  })

  it('refuses a data folder whose SQLite server is running, and leaves PostgreSQL untouched', async () => {
    const server = await start()
    await new ApiClient(server.url).register('Mere')
    const target = await postgres.createDatabase('untouched')
    const refused = await copyCommand(server.dataDir, target)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/Copy refused: A Hononga server is running on the data folder .*Stop it before copying/)
    expect(await publicTables(target)).toEqual([])
    // The server was not disturbed.
    expect((await fetch(`${server.url}/api/health`)).ok).toBe(true)
  })

  it('says so when there is no database in the data folder', async () => {
    const empty = tempDataDir('hononga-nothing-')
    const refused = await copyCommand(empty, postgres.urlFor('postgres'))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`There is no Hononga database at ${empty}/hononga.db`)
  })

  it('copies megabyte blobs over several batches byte for byte, booleans as booleans, and never reissues an id', async () => {
    const dataDir = tempDataDir('hononga-copy-')
    const db = openDb({ dataDir })
    const now = Date.now()
    db.insert(sqliteSchema.users).values({ id: 'u1', email: 'aroha@example.nz', name: 'Aroha', passwordHash: 'x', createdAt: now }).run()
    db.insert(sqliteSchema.plans)
      .values({ id: 'p1', title: 'Plan', community: 'Kawerau', createdBy: 'u1', createdAt: now, updatedAt: now })
      .run()
    const member = { planId: 'p1', userId: 'u1', role: 'facilitator', affiliation: 'iwi', speaksFor: false, joinedAt: now } as const
    db.insert(sqliteSchema.members).values(member).run()
    const blobs = Array.from({ length: 12 }, (_, i) => crypto.randomBytes(i % 4 === 0 ? 3 * 1024 * 1024 : 1000 + i))
    for (const data of blobs) db.insert(sqliteSchema.docUpdates).values({ docId: 'p1', data, createdAt: now }).run()
    // Compaction deletes the updates it folded, the newest too; their seq numbers were issued all the same.
    db.$client.exec('DELETE FROM doc_updates WHERE seq > 9')
    const state = { docId: 'p1', data: crypto.randomBytes(2 * 1024 * 1024), compactedThrough: 12, updatedAt: now }
    db.insert(sqliteSchema.docStates).values(state).run()
    db.$client.close()

    const target = await postgres.createDatabase('batches')
    const order: string[] = []
    const report = await copySqliteToPostgres({
      dataDir,
      databaseUrl: target,
      batchRows: 4,
      batchBytes: 1024 * 1024,
      onTable: (table) => order.push(table.table),
    })
    const kept = blobs.slice(0, 9)
    const keptBytes = kept.reduce((sum, blob) => sum + blob.length, 0)
    expect(report.tables.find((table) => table.table === 'doc_updates')).toEqual({
      table: 'doc_updates',
      rows: 9,
      blobBytes: keptBytes,
      nextId: '13',
    })
    expect(report.leftEmpty).toEqual(['plan_leases', 'control_events'])
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('plans'))
    expect(order.indexOf('plans')).toBeLessThan(order.indexOf('members'))

    const sha = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex')
    const client = await connectPg(target)
    try {
      const updates = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM doc_updates ORDER BY seq')
      expect(updates.rows.map((row) => [Number(row.seq), sha(row.data)])).toEqual(kept.map((blob, i) => [i + 1, sha(blob)]))
      const states = await client.query<{ data: Buffer; compacted_through: string }>('SELECT data, compacted_through FROM doc_states')
      expect(states.rows.map((row) => [sha(row.data), Number(row.compacted_through)])).toEqual([[sha(state.data), 12]])
      expect((await client.query('SELECT speaks_for FROM members')).rows).toEqual([{ speaks_for: false }])
      // The next update must come after seq 12, or loading the plan would skip it as already compacted.
      const next = await client.query<{ seq: string }>(
        "INSERT INTO doc_updates (doc_id, data, created_at) VALUES ('p1', '\\x00', 0) RETURNING seq",
      )
      expect(Number(next.rows[0]!.seq)).toBe(13)
    } finally {
      await client.end()
    }
  })

  it('refuses a SQLite database with a table the PostgreSQL schema lacks, before touching PostgreSQL', async () => {
    const dataDir = tempDataDir('hononga-copy-')
    const db = openDb({ dataDir })
    db.$client.exec("CREATE TABLE tapu_notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO tapu_notes (body) VALUES ('kept apart')")
    db.$client.close()
    const target = await postgres.createDatabase('lacking')
    const copying = copySqliteToPostgres({ dataDir, databaseUrl: target })
    await expect(copying).rejects.toBeInstanceOf(CopyRefusedError)
    await expect(copying).rejects.toThrow(/table "tapu_notes" that the PostgreSQL schema \(server\/src\/db\/pg\/schema.ts\) lacks/)
    expect(await publicTables(target)).toEqual([])
  })
})
