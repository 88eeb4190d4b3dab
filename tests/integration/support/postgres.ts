import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe } from 'vitest'
import { childPids, freePort, isAlive } from './processes'
import { waitFor } from './wait'

/**
 * A real PostgreSQL server for the tests that need one (durability, failover and concurrency are not
 * things PGlite can stand in for): a fresh cluster per call, in a temp folder, on a free loopback port,
 * started without systemd. As root, PostgreSQL refuses to run, so the cluster belongs to `nobody`.
 */

/** The database superuser of every test cluster (trust authentication, loopback only). */
export const PG_USER = 'hononga'

/** Settings every test cluster runs with: the durability the guarantee rests on, and room for many processes. */
const BASE_SETTINGS: Record<string, string> = {
  synchronous_commit: 'on',
  fsync: 'on',
  max_connections: '300',
}

/**
 * The folder holding `initdb` and `pg_ctl`: `POSTGRES_BIN_DIR` when set, otherwise the newest
 * `/usr/lib/postgresql/<version>/bin` (Debian's layout); null when PostgreSQL is not installed.
 */
export function postgresBinDir(): string | null {
  const fromEnv = process.env.POSTGRES_BIN_DIR
  if (fromEnv) return fs.existsSync(path.join(fromEnv, 'initdb')) ? fromEnv : null
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return null
  const versions = fs
    .readdirSync(root)
    .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? path.join(root, versions[0], 'bin') : null
}

export interface PgServerOptions {
  /** Create this database and point `url` at it (default: the `postgres` database). */
  database?: string
  /** Extra `postgresql.conf` settings, after (and so over) the base ones. */
  settings?: Record<string, string>
}

/** A running test cluster. */
export interface PgServer {
  /** `postgres://hononga@127.0.0.1:PORT/<database>`. */
  url: string
  port: number
  /** The temp folder holding the cluster (`data/`), its socket (`sock/`) and its log (`pg.log`). */
  dir: string
  /** The URL of another database in this cluster (it is not created). */
  urlFor(database: string): string
  /** Creates a database in this cluster and returns its URL. */
  createDatabase(name: string): Promise<string>
  /** Stops the cluster (`-m fast`) and removes its folder. Safe to call more than once. */
  stop(): Promise<void>
  /** `pg_ctl restart -m <mode>`; also starts a cluster that was killed. Connections are cut. */
  restart(mode: 'immediate' | 'fast'): Promise<void>
  /** `kill -9` of the postmaster, as a crash would; resolves once it has gone. `restart` brings it back. */
  kill9(): Promise<void>
  /** The server's log so far. */
  log(): string
}

interface Cluster {
  bin: string
  dir: string
  stopped: boolean
}

/** Clusters started by this process and not yet stopped, for the exit hook. */
const running = new Set<Cluster>()
let exitHookInstalled = false

/** Stops a cluster at once and removes its folder; synchronous, so that it can run in an 'exit' hook. */
function stopNowAndRemove(cluster: Pick<Cluster, 'bin' | 'dir'>): void {
  const pid = postmasterPid(cluster.dir)
  try {
    if (pid !== null && isAlive(pid)) {
      asOwner(cluster, path.join(cluster.bin, 'pg_ctl'), ['-D', path.join(cluster.dir, 'data'), 'stop', '-m', 'immediate', '-w'])
    }
  } catch {
    // already down
  }
  fs.rmSync(cluster.dir, { recursive: true, force: true })
}

/**
 * A crashed test may leave clusters running: stop them when the process ends. A process killed
 * outright runs no hook, so each cluster folder records the pid that started it, and the first
 * `startPostgres` of a later run stops the clusters whose starter is gone.
 */
function installExitHook(bin: string): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => running.forEach(stopNowAndRemove))
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!entry.startsWith('hononga-pg-')) continue
    const dir = path.join(os.tmpdir(), entry)
    try {
      const starter = Number(fs.readFileSync(path.join(dir, 'starter.pid'), 'utf8'))
      if (Number.isInteger(starter) && starter > 0 && !isAlive(starter)) stopNowAndRemove({ bin, dir })
    } catch {
      // not a cluster folder, or one being created right now
    }
  }
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0

/** Runs a PostgreSQL program as the cluster's owner: `nobody` under root, the current user otherwise. */
function ownerCommand(program: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'nobody', '--', program, ...args]] : [program, args]
}

/** Synchronously, for the 'exit' hook. */
function asOwner(cluster: Pick<Cluster, 'dir'>, program: string, args: string[]): void {
  const [file, argv] = ownerCommand(program, args)
  execFileSync(file, argv, { cwd: cluster.dir, stdio: 'ignore', timeout: 60_000 })
}

/**
 * Without blocking the event loop: a test may run Hononga in this same process, and it must keep
 * running (and noticing) while PostgreSQL starts, restarts or stops.
 */
async function runAsOwner(cluster: Pick<Cluster, 'dir'>, program: string, args: string[]): Promise<void> {
  const [file, argv] = ownerCommand(program, args)
  await promisify(execFile)(file, argv, { cwd: cluster.dir, timeout: 60_000 })
}

function makeClusterDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-pg-'))
  fs.mkdirSync(path.join(dir, 'sock'))
  fs.writeFileSync(path.join(dir, 'starter.pid'), String(process.pid))
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim())
    fs.chownSync(dir, uid, gid)
    fs.chownSync(path.join(dir, 'sock'), uid, gid)
  }
  return dir
}

/** The postmaster's pid, from the first line of `postmaster.pid` (null when there is none). */
function postmasterPid(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

/**
 * Starts a fresh PostgreSQL cluster on a free loopback port (`initdb`, then `pg_ctl -w start`;
 * about a second in all) with `synchronous_commit=on`, `fsync=on` and `max_connections=300`.
 * Call `stop()` in teardown; clusters a crashed test leaves behind are stopped when the process exits.
 */
export async function startPostgres(options: PgServerOptions = {}): Promise<PgServer> {
  const bin = postgresBinDir()
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin); run bash tests/ensure-services.sh')
  installExitHook(bin)
  const cluster: Cluster = { bin, dir: makeClusterDir(), stopped: false }
  const { dir } = cluster
  const data = path.join(dir, 'data')
  const logFile = path.join(dir, 'pg.log')
  const pgCtl = path.join(bin, 'pg_ctl')
  running.add(cluster)
  let port = 0
  try {
    // --no-sync only skips flushing initdb's own files; the server itself runs with fsync=on.
    await runAsOwner(cluster, path.join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      PG_USER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ])
    // Another process may take the port between probing and binding it: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort()
      const settings = { ...BASE_SETTINGS, ...options.settings, port: String(port), listen_addresses: "'127.0.0.1'" }
      const conf = Object.entries({ ...settings, unix_socket_directories: `'${path.join(dir, 'sock')}'` })
        .map(([name, value]) => `${name} = ${value}`)
        .join('\n')
      fs.writeFileSync(path.join(data, 'hononga-test.conf'), `${conf}\n`)
      if (attempt === 1) fs.appendFileSync(path.join(data, 'postgresql.conf'), "\ninclude 'hononga-test.conf'\n")
      try {
        await runAsOwner(cluster, pgCtl, ['-D', data, '-l', logFile, '-w', '-t', '60', 'start'])
        break
      } catch (error) {
        if (attempt >= 3) throw error
      }
    }
  } catch (error) {
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''
    running.delete(cluster)
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${log}`)
  }

  const urlFor = (database: string) => `postgres://${PG_USER}@127.0.0.1:${port}/${encodeURIComponent(database)}`
  const psql = (database: string, sql: string) =>
    promisify(execFile)(path.join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', urlFor(database), '-c', sql], {
      timeout: 30_000,
    })
  let stopping: Promise<void> | undefined

  const server: PgServer = {
    url: urlFor('postgres'),
    port,
    dir,
    urlFor,
    createDatabase: async (name) => {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`)
      await psql('postgres', `CREATE DATABASE ${name}`)
      return urlFor(name)
    },
    stop: () => {
      stopping ??= (async () => {
        try {
          const pid = postmasterPid(dir)
          if (pid !== null && isAlive(pid)) await runAsOwner(cluster, pgCtl, ['-D', data, 'stop', '-m', 'fast', '-w', '-t', '60'])
        } catch {
          // it was not running (killed, or never came back)
        }
        cluster.stopped = true
        running.delete(cluster)
        fs.rmSync(dir, { recursive: true, force: true })
      })()
      return stopping
    },
    restart: async (mode) => {
      if (cluster.stopped) throw new Error('this PostgreSQL cluster was stopped')
      const pid = postmasterPid(dir)
      if (pid !== null && isAlive(pid)) {
        await runAsOwner(cluster, pgCtl, ['-D', data, '-l', logFile, '-m', mode, '-w', '-t', '60', 'restart'])
        return
      }
      // Killed: pg_ctl and the postmaster would take an unreaped (zombie) postmaster for a live one, so
      // clear its stale lock files (kill9 waited for every process of it) and start afresh.
      fs.rmSync(path.join(data, 'postmaster.pid'), { force: true })
      fs.rmSync(path.join(dir, 'sock', `.s.PGSQL.${port}.lock`), { force: true })
      await runAsOwner(cluster, pgCtl, ['-D', data, '-l', logFile, '-w', '-t', '60', 'start'])
    },
    kill9: async () => {
      const pid = postmasterPid(dir)
      if (pid === null || !isAlive(pid)) return
      const children = childPids(pid)
      process.kill(pid, 'SIGKILL')
      // Its backends notice the postmaster's death and exit; a new postmaster refuses to start while
      // any of them still holds the old shared memory, so wait for them too.
      await waitFor(() => [pid, ...children].every((each) => !isAlive(each)), {
        timeoutMs: 15_000,
        message: `the postmaster (${pid}) and its processes to die`,
      })
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
  }
  if (options.database) {
    const url = await server.createDatabase(options.database)
    return { ...server, url }
  }
  return server
}

/**
 * Declares a suite that needs the named services: `describe` when they are all here. Otherwise,
 * under `CI=true`, throws with the reason (CI must not pass by skipping); elsewhere, warns loudly
 * naming the suite and skips it.
 */
export function describeWhenAvailable(name: string, missing: string[], fn: () => void): void {
  if (missing.length === 0) {
    describe(name, fn)
    return
  }
  const reason = `"${name}" needs ${missing.join(' and ')}; install with: bash tests/ensure-services.sh`
  if (process.env.CI === 'true') throw new Error(`CI=true and ${reason}`)
  console.warn(`\n!!! SKIPPED: ${reason} !!!\n`)
  describe.skip(name, fn)
}

/** Why PostgreSQL is unavailable, or null when it is installed. */
export function postgresMissing(): string | null {
  if (postgresBinDir()) return null
  const where = process.env.POSTGRES_BIN_DIR ? `in POSTGRES_BIN_DIR=${process.env.POSTGRES_BIN_DIR}` : 'under /usr/lib/postgresql/*/bin'
  return `PostgreSQL (no initdb ${where})`
}

/** A suite that starts real PostgreSQL servers: skipped loudly when PostgreSQL is missing (fails under CI=true). */
export function describeWithPostgres(name: string, fn: () => void): void {
  const missing = postgresMissing()
  describeWhenAvailable(name, missing ? [missing] : [], fn)
}
