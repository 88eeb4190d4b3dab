import type * as Y from 'yjs'
import type { Config } from '../../config'
import { createLogger } from '../../log'
import type { SocketIdentity } from '../connection'
import { CollabEngine } from '../engine'
import { attendance } from '../hooks/attendance'
import { autoSnapshots } from '../hooks/auto-snapshots'
import { compaction } from '../hooks/compaction'
import { derivedTables } from '../hooks/derived-tables'
import { origins } from '../hooks/origins'
import type { DocStore } from '../doc-store'
import type { PlanOwnership } from '../ownership'
import { ManualClock } from './manual-clock'
import { MemorySocket } from './memory-socket'

/** The settings of an engine under test: the defaults of config.ts, with the test's own. */
export type EngineSettings = Pick<
  Config,
  | 'wsMaxBufferedBytes'
  | 'wsMaxMessageBytes'
  | 'compactMaxUpdates'
  | 'compactIdleMs'
  | 'compactMaxAgeMs'
  | 'compactMinIntervalMs'
  | 'autoSnapshotIntervalMs'
  | 'planIdleUnloadMs'
  | 'planMaxBytes'
  | 'wsBudgetBytesPerSec'
  | 'wsBudgetUpdatesPerSec'
  | 'wsLargeUpdateBytes'
>

export const DEFAULT_SETTINGS: EngineSettings = {
  wsMaxBufferedBytes: 32 * 1024 * 1024,
  wsMaxMessageBytes: 16 * 1024 * 1024,
  compactMaxUpdates: 5_000,
  compactIdleMs: 30_000,
  compactMaxAgeMs: 10 * 60_000,
  compactMinIntervalMs: 2_000,
  autoSnapshotIntervalMs: 5 * 60_000,
  planIdleUnloadMs: 10_000,
  planMaxBytes: 64 * 1024 * 1024,
  wsBudgetBytesPerSec: 1024 * 1024,
  wsBudgetUpdatesPerSec: 200,
  wsLargeUpdateBytes: 256 * 1024,
}

export interface MemoryEngine {
  engine: CollabEngine
  clock: ManualClock
  /** Plans whose derived tables were written, in order. */
  derived: string[]
  /** Opens a socket to `planId` as `identity`, as the upgrade would after checking access. */
  connect(planId: string, identity: SocketIdentity): MemorySocket
}

/**
 * The whole engine in memory: a MemoryDocStore (or the store under test), a manual clock, the
 * hooks server.ts composes (derived tables recorded rather than written to SQLite), sockets
 * from MemorySocket. No ports, no SQLite.
 */
export function memoryEngine(store: DocStore, settings: Partial<EngineSettings> = {}, ownership?: PlanOwnership): MemoryEngine {
  const clock = new ManualClock()
  const derived: string[] = []
  const config = { ...DEFAULT_SETTINGS, ...settings }
  const record = (planId: string, _doc: Y.Doc) => void derived.push(planId)
  const engine = new CollabEngine({
    store,
    ownership,
    config,
    log: createLogger('silent'),
    now: () => clock.now(),
    clock,
    hooks: [autoSnapshots(config.autoSnapshotIntervalMs), compaction(config), derivedTables(record), attendance(), origins()],
    membership: () => ({ role: 'editor', affiliation: 'iwi', organisation: null }),
    userNames: (ids) => new Map(ids.map((id) => [id, id])),
    refreshDerived: record,
    quarantine: () => 'quarantined',
    audit: () => {},
  })
  return {
    engine,
    clock,
    derived,
    connect(planId, identity) {
      const socket = new MemorySocket()
      engine.acceptSocket(socket.ws, { ok: true, planId, identity, wantsAcks: true })
      return socket
    },
  }
}
