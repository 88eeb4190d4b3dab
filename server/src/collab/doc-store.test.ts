import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDb } from '../db/open'
import { docStoreContract } from './doc-store.contract'
import { MemoryDocStore } from './memory-doc-store'
import { createSqliteDocStore } from './sqlite-doc-store'

docStoreContract('SQLite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-store-'))
  const db = openDb({ dataDir })
  return {
    store: createSqliteDocStore(db),
    cleanup: () => {
      db.$client.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
})

docStoreContract('memory', async () => ({ store: new MemoryDocStore() }))
