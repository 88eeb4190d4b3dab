import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR, openDb } from '@hononga/server'
import { ApiClient } from './support/api'
import { spawnServer, tempDataDir } from './support/server'

interface Journal {
  entries: { idx: number; tag: string }[]
}

/** A copy of the migrations folder holding only the first `count` migrations: an earlier version. */
function earlierMigrations(count: number): string {
  const folder = tempDataDir('hononga-migrations-')
  fs.cpSync(MIGRATIONS_DIR, folder, { recursive: true })
  const journalPath = path.join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as Journal
  journal.entries = journal.entries.slice(0, count)
  fs.writeFileSync(journalPath, JSON.stringify(journal))
  return folder
}

const tables = (dataDir: string) => {
  const sqlite = new Database(path.join(dataDir, 'hononga.db'), { readonly: true })
  const names = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  )
  sqlite.close()
  return names
}

describe('migrations', () => {
  it('a fresh DATA_DIR gets every table, and the server serves from it', async () => {
    const dataDir = tempDataDir()
    const server = await spawnServer({ dataDir })
    try {
      expect(tables(dataDir)).toEqual(
        expect.arrayContaining([
          'users',
          'sessions',
          'plans',
          'members',
          'invites',
          'ws_tickets',
          'audit_log',
          'doc_updates',
          'doc_states',
          'snapshots',
        ]),
      )
      const api = await new ApiClient(server.url).register()
      expect((await api.request('GET', '/api/me')).status).toBe(200)
    } finally {
      await server.stop()
    }
  })

  it('a database from every earlier version upgrades at start-up and keeps its data', async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as Journal
    for (let version = 1; version <= journal.entries.length; version++) {
      const dataDir = tempDataDir()
      const early = openDb({ dataDir, migrationsFolder: earlierMigrations(version) })
      // Rows every version since the first has: a person.
      early.$client
        .prepare('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
        .run('earlyuser01', 'early@example.nz', 'Ngaio Early', 'scrypt$x', Date.now())
      early.$client.close()

      const server = await spawnServer({ dataDir })
      try {
        const api = new ApiClient(server.url)
        // The account from the earlier version still exists: registering its email conflicts.
        const again = await api.request('POST', '/api/auth/register', {
          email: 'early@example.nz',
          name: 'X',
          password: 'long enough password',
        })
        expect(again.status).toBe(409)
      } finally {
        await server.stop()
      }
      // Starting twice on the same folder is a no-op for migrations.
      const reopened = await spawnServer({ dataDir })
      await reopened.stop()
    }
  })
})
