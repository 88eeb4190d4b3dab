import type { AuditEventType } from '@hononga/shared'

/** Bytes the engine sets aside for inspection, never to be replayed (db/quarantine.ts stores them). */
export interface QuarantineEntry {
  docId: string
  /** Who sent the bytes; null for stored state. */
  userId: string | null
  reason: 'apply-failed' | 'unloadable-state'
  data: Uint8Array
  /** Milliseconds since the epoch. */
  at: number
}

/** Stores a quarantined entry; resolves with its id. */
export type QuarantineSink = (entry: QuarantineEntry) => string | Promise<string>

/** One event for a plan's audit log (db/audit.ts), which every member reads. */
export interface AuditEntry {
  planId: string
  /** Who caused it; null for the server. */
  actorId: string | null
  event: AuditEventType
  details: Record<string, unknown>
  at: number
}

export type AuditSink = (entry: AuditEntry) => void | Promise<void>
