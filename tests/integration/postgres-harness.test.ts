import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { connectPg, type PgClient } from './support/pg-client'
import { describeWithPostgres, startPostgres, type PgServer } from './support/postgres'
import { isAlive } from './support/processes'
import { waitFor } from './support/wait'

/** The harness that later suites rest on: a real PostgreSQL that starts, restarts, crashes and goes away cleanly. */
describeWithPostgres('PostgreSQL test harness', () => {
  let server: PgServer
  const clients: PgClient[] = []

  beforeAll(async () => {
    server = await startPostgres({ database: 'hononga_harness' })
  })

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)))
    await server?.stop()
  })

  async function connect(url = server.url) {
    const client = await connectPg(url)
    clients.push(client)
    return client
  }

  it('starts a loopback cluster with the durability settings and the requested database', async () => {
    expect(server.url).toBe(`postgres://hononga@127.0.0.1:${server.port}/hononga_harness`)
    const client = await connect()
    const { rows } = await client.query<{ db: string; sync: string; fsync: string; max: string; listen: string }>(
      `select current_database() as db, current_setting('synchronous_commit') as sync, current_setting('fsync') as fsync,
              current_setting('max_connections') as max, current_setting('listen_addresses') as listen`,
    )
    expect(rows[0]).toEqual({ db: 'hononga_harness', sync: 'on', fsync: 'on', max: '300', listen: '127.0.0.1' })
    await client.query('create table notes (id int primary key, body text not null)')
    await client.query('insert into notes values ($1, $2)', [1, 'Hui at the marae on Saturday'])
  })

  it("restart('immediate') cuts a connected client; a new client works and committed rows survive", async () => {
    const before = await connect()
    await before.query('select 1')
    await server.restart('immediate')
    await expect(before.query('select 1')).rejects.toThrow()
    const after = await connect()
    const { rows } = await after.query<{ body: string }>('select body from notes where id = 1')
    expect(rows).toEqual([{ body: 'Hui at the marae on Saturday' }])
    expect(server.log()).toMatch(/database system is ready to accept connections/)
  })

  it('kill9() takes the server down until restart brings it back', async () => {
    const connected = await connect()
    await server.kill9()
    await expect(connected.query('select 1')).rejects.toThrow()
    await expect(connectPg(server.url)).rejects.toThrow()
    await server.restart('fast')
    const again = await connect()
    const { rows } = await again.query<{ count: string }>('select count(*) as count from notes')
    expect(rows).toEqual([{ count: '1' }])
  })

  it('creates further databases, and stop() removes the folder (twice is fine)', async () => {
    const other = await startPostgres()
    try {
      const url = await other.createDatabase('second_plan_store')
      const client = await connectPg(url)
      const { rows } = await client.query<{ db: string }>('select current_database() as db')
      expect(rows).toEqual([{ db: 'second_plan_store' }])
      await client.end()
      expect(fs.existsSync(path.join(other.dir, 'data', 'PG_VERSION'))).toBe(true)
    } finally {
      await other.stop()
    }
    expect(fs.existsSync(other.dir)).toBe(false)
    await other.stop()
    await expect(connectPg(other.url)).rejects.toThrow()
  })

  it('stops the clusters of a test process that crashed', async () => {
    const child = runScript([...START_AND_REPORT, `throw new Error('a test crashed without stopping its cluster')`])
    expect(child.status, child.stderr).toBe(1)
    expect(child.stderr).toContain('a test crashed without stopping its cluster')
    const left = child.started()
    expect(fs.existsSync(left.dir)).toBe(false)
    await expect(connectPg(left.url)).rejects.toThrow()
    await waitFor(() => !isAlive(left.pid), { timeoutMs: 10_000, message: 'the crashed test postmaster to be gone' })
  })

  it('stops, on the next run, the clusters of a test process that was killed outright', async () => {
    const killed = runScript([...START_AND_REPORT, `process.kill(process.pid, 'SIGKILL')`])
    expect(killed.signal).toBe('SIGKILL')
    const left = killed.started()
    // No hook ran: the cluster is still up...
    expect(isAlive(left.pid)).toBe(true)
    const connected = await connectPg(left.url)
    await connected.end()
    // ...until the next process that starts a cluster sweeps it away.
    const next = runScript([`const server = await startPostgres()`, `await server.stop()`])
    expect(next.status, next.stderr).toBe(0)
    expect(fs.existsSync(left.dir)).toBe(false)
    await waitFor(() => !isAlive(left.pid), { timeoutMs: 10_000, message: 'the killed test postmaster to be gone' })
  })
})

/** A script's opening lines: start a cluster and print where it is. */
const START_AND_REPORT = [
  `const server = await startPostgres()`,
  `const pid = Number(fs.readFileSync(server.dir + '/data/postmaster.pid', 'utf8').split('\\n')[0])`,
  `console.log(JSON.stringify({ dir: server.dir, url: server.url, pid }))`,
]

/** Runs `lines` as a separate Node process that imports the harness, as a test file would. */
function runScript(lines: string[]) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-harness-script-'))
  const script = path.join(folder, 'script.mts')
  const harness = JSON.stringify(path.resolve(import.meta.dirname, 'support/postgres.ts'))
  fs.writeFileSync(script, [`import fs from 'node:fs'`, `import { startPostgres } from ${harness}`, ...lines].join('\n'))
  try {
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: import.meta.dirname, encoding: 'utf8', timeout: 60_000 })
    return {
      status: child.status,
      signal: child.signal,
      stderr: child.stderr,
      started: () => JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { dir: string; url: string; pid: number },
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true })
  }
}
