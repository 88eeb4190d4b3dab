/**
 * A server process's storage side, alone, for the failover tests: it owns one plan through a
 * PostgreSQL lease and appends a numbered update every few milliseconds through the fenced
 * store, reporting each outcome as one JSON line on stdout. The test kills it (`kill -9`),
 * freezes it (`SIGSTOP`) and wakes it, and checks what storage kept.
 *
 * Usage: node --import tsx pg-owner-process.ts <url> <planId> <leaseTtlMs> <renewEveryMs> [firstNumber]
 */
import { createLogger } from '../../../server/src/log'
import { openPgDb } from '../../../server/src/db/pg/open'
import { PgControlChannel } from '../../../server/src/collab/pg-control'
import { createPgDocStore } from '../../../server/src/collab/pg-doc-store'
import { PgPlanOwnership } from '../../../server/src/collab/pg-ownership'

const [url, planId, ttl, renew, first = '1'] = process.argv.slice(2)
if (!url || !planId || !ttl || !renew) throw new Error('usage: pg-owner-process.ts <url> <planId> <leaseTtlMs> <renewEveryMs>')

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`)
const log = createLogger('silent')
const database = await openPgDb({ url, log, idleInTransactionTimeoutMs: Number(ttl) })
const control = new PgControlChannel({ pool: database.pool, connection: { connectionString: url }, log })
await control.start()
const ownership = new PgPlanOwnership({
  pool: database.pool,
  connection: { connectionString: url },
  control,
  log,
  address: `child-${process.pid}`,
  leaseTtlMs: Number(ttl),
  renewEveryMs: Number(renew),
})
ownership.listen({
  lost: (id) => say({ lost: id }),
  handOver: async (id) => void say({ handover: id }),
})
await ownership.start()
await ownership.acquire(planId)
const store = createPgDocStore(database.pool, { fence: ownership })
say({ ready: ownership.owner })

/** Update n is the 4 bytes of n: the test knows which ones storage must hold. */
for (let n = Number(first); n < Number(first) + 1_000_000; n++) {
  const update = new Uint8Array(4)
  new DataView(update.buffer).setUint32(0, n)
  try {
    const seqs = await store.appendBatch([{ docId: planId, update }], Date.now())
    const seq = seqs.get(planId)
    say(seq === undefined ? { fenced: n } : { stored: n, seq })
  } catch (error) {
    say({ failed: n, error: (error as Error).message })
  }
  await new Promise((resolve) => setTimeout(resolve, 5))
}
