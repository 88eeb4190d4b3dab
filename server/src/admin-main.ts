import { pino } from 'pino'
import { loadConfig } from './config'
import { openDb } from './db/open'
import { openPgDb } from './db/pg/open'
import { pgRepositories } from './repos/pg'
import { sqliteRepositories } from './repos/sqlite'
import type { Repositories } from './repos/types'
import { AppError } from './errors'
import { makeManualResetLink } from './routes/password-reset'
import { runSsoCommand, SSO_USAGE } from './admin-sso'

/**
 * `pnpm admin grant EMAIL | revoke EMAIL | list`: the operator grants and revokes instance
 * administration (who may make district groups and add people to them, issue 13 §6). No HTTP
 * route grants it, so nobody becomes an administrator by registering an address first.
 * `pnpm admin reset-link EMAIL` prints a password-reset link to pass on by hand (issue 14).
 *
 * Works on SQLite (DATA_DIR) or PostgreSQL (DATABASE_URL), while the server runs: it opens the
 * database alone, as `pnpm backup` does, not the server's storage (which locks the data folder
 * and takes plan leases). Each change is written to stderr as a JSON audit line (there is no
 * instance-wide audit table; the plan audit log belongs to plans). Exits 1 with the reason for an
 * unknown email or a bad command.
 */

const USAGE = 'Usage: pnpm admin grant EMAIL | pnpm admin revoke EMAIL | pnpm admin list | pnpm admin reset-link EMAIL\n'

class UsageError extends Error {}

async function openRepos(): Promise<{ repos: Repositories; close: () => Promise<void> }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || undefined })
  if (config.databaseUrl) {
    const database = await openPgDb({ url: config.databaseUrl, max: 2 })
    return { repos: pgRepositories(database.db), close: database.close }
  }
  const db = openDb({ dataDir: config.dataDir })
  return { repos: sqliteRepositories(db), close: async () => void db.$client.close() }
}

async function userByEmail(repos: Repositories, email: string) {
  const user = await repos.users.findUserByEmail(email.trim().toLowerCase())
  if (!user) throw new UsageError(`No account has the email ${email}: they must register first, then run this again.`)
  return user
}

async function run(repos: Repositories, command: string | undefined, email: string | undefined): Promise<void> {
  // The audit line: the operator's action, on stderr so stdout stays the human report.
  const audit = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2))
  if (command === 'list') {
    const admins = await repos.districts.listAdmins()
    if (admins.length === 0) process.stdout.write('No instance administrators.\n')
    for (const admin of admins) {
      process.stdout.write(`${admin.email}  ${admin.name}  (since ${new Date(admin.grantedAt).toISOString()})\n`)
    }
    return
  }
  if (command === 'reset-link' && email) {
    // A password-reset link for an instance without mail (issue 14): 24 hours, single use, made by 'operator'.
    const config = loadConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || undefined })
    const link = await makeManualResetLink(repos, config, { email, createdBy: 'operator', now: Date.now() }).catch((error: unknown) => {
      throw error instanceof AppError ? new UsageError(error.message) : error
    })
    audit.info({ event: 'password.reset.link.made', by: 'operator', forUserId: link.userId }, 'reset link made by the operator')
    audit.flush()
    process.stdout.write(`${link.url}\nPass this link on to its owner; it works once, until ${new Date(link.expiresAt).toISOString()}.\n`)
    return
  }
  if ((command !== 'grant' && command !== 'revoke') || !email) throw new UsageError(`Say what to do.\n${USAGE}`)
  const user = await userByEmail(repos, email)
  if (command === 'grant') {
    const granted = await repos.districts.grantAdmin(user.id, Date.now())
    if (granted) audit.info({ event: 'admin.granted', userId: user.id, email: user.email }, 'instance administrator granted')
    process.stdout.write(
      granted
        ? `Granted: ${user.email} (${user.name}) is now an instance administrator.\n`
        : `${user.email} was already an instance administrator; nothing changed.\n`,
    )
  } else {
    const revoked = await repos.districts.revokeAdmin(user.id)
    if (revoked) audit.info({ event: 'admin.revoked', userId: user.id, email: user.email }, 'instance administrator revoked')
    process.stdout.write(
      revoked
        ? `Revoked: ${user.email} is no longer an instance administrator.\n`
        : `${user.email} was not an instance administrator; nothing changed.\n`,
    )
  }
  audit.flush()
}

const args = process.argv.slice(2).filter((arg) => arg !== '--')
try {
  if (args[0] === undefined || args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(USAGE + SSO_USAGE)
  } else {
    const { repos, close } = await openRepos()
    try {
      if (!(await runSsoCommand(repos, args))) await run(repos, args[0], args[1])
    } finally {
      await close()
    }
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`${error instanceof UsageError ? '' : 'Admin command failed: '}${message}\n`)
  process.exit(1)
}
