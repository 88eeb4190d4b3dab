import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { DATA_DIR_LOCK_FILE } from '@hononga/server'
import { addFocusArea, getPlanRoots } from '@hononga/shared'
import { ApiClient } from './support/api'
import { REPO_ROOT, spawnServer, tempDataDir, type SpawnedServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

const run = promisify(execFile)
const running: SpawnedServer[] = []
const pool = new ClientPool()
afterEach(async () => {
  pool.destroyAll()
  for (const server of running.splice(0)) await server.stop('SIGKILL')
})

async function start(dataDir?: string): Promise<SpawnedServer> {
  const server = await spawnServer(dataDir ? { dataDir } : {})
  running.push(server)
  return server
}

describe('pnpm backup', () => {
  it('copies the database while the server runs, and a server started on the copy has every plan intact', async () => {
    const server = await start()
    const owner = await new ApiClient(server.url).register('Aroha Facilitator')
    const plans: string[] = []
    for (const title of ['Kawerau plan', 'Ōpōtiki plan', 'Whakatāne plan']) plans.push(await owner.createPlan(title, 'Bay of Plenty'))
    // Content written over the socket, as people write it, so the backup holds document updates
    // too; an update another person received is stored (the server shares only what it stored).
    const write = async (planId: string, title: string) => {
      const writer = await pool.join(owner, server.wsUrl, planId)
      const reader = await pool.join(owner, server.wsUrl, planId)
      addFocusArea(writer.doc, { title })
      await waitFor(() => getPlanRoots(reader.doc).focusAreas.size > 0 && JSON.stringify(reader.doc.toJSON()).includes(title), {
        message: `${title} shared`,
      })
      pool.destroyAll()
    }
    for (const [index, planId] of plans.entries()) await write(planId, `Focus ${index}`)
    const before = await Promise.all(plans.map(async (id) => (await owner.request('GET', `/api/plans/${id}/document`)).body))

    const destination = path.join(tempDataDir('hononga-backup-'), 'copy.db')
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/backup-main.ts', destination], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir },
    })
    expect(stdout).toContain(destination)
    // The server is still serving: an edit after the backup is stored, and is not in the copy.
    await write(plans[0]!, 'Written after the backup')

    // Restore: the copy as the database of a fresh data folder.
    const restored = tempDataDir('hononga-restored-')
    fs.copyFileSync(destination, path.join(restored, 'hononga.db'))
    const second = await start(restored)
    const after = await Promise.all(plans.map(async (id) => (await owner.at(second.url).request('GET', `/api/plans/${id}/document`)).body))
    expect(after).toEqual(before)
    const list = await owner.at(second.url).request<{ id: string }[]>('GET', '/api/plans')
    expect(list.body.map((plan) => plan.id).sort()).toEqual([...plans].sort())
  })

  it('refuses to overwrite a file, and says so', async () => {
    const server = await start()
    const destination = path.join(tempDataDir('hononga-backup-'), 'copy.db')
    fs.writeFileSync(destination, 'keep me')
    const failed = await run(process.execPath, ['--import', 'tsx', 'server/src/backup-main.ts', destination], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir },
    }).catch((error: { code: number; stderr: string }) => error)
    expect(failed).toMatchObject({ code: 1 })
    expect((failed as { stderr: string }).stderr).toContain('exists already')
    expect(fs.readFileSync(destination, 'utf8')).toBe('keep me')
  })
})

describe('one server per data folder', () => {
  it('a second server on the same DATA_DIR refuses to start; after the first is killed, one starts at once', async () => {
    const first = await start()
    const refused = await spawnServer({ dataDir: first.dataDir }).then(
      (server) => {
        running.push(server)
        return null
      },
      (error: Error) => error,
    )
    expect(refused?.message).toMatch(/Another Hononga server is using the data folder/)
    expect(fs.existsSync(path.join(first.dataDir, DATA_DIR_LOCK_FILE))).toBe(true)

    await first.stop('SIGKILL')
    const next = await start(first.dataDir)
    await waitFor(async () => (await fetch(`${next.url}/api/health`)).ok, { message: 'the new server answers' })
  })
})
