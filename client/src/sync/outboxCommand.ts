import { COMMAND_ROUTES, type CommandName } from '@hononga/shared'
import type { KeyIn } from '../i18n/keys'

/* The shape of a governance command as the outbox keeps it (the outbox itself: ./outbox.ts). */

/** The commands that may wait in the outbox (COMMAND_ROUTES[..].queueable). */
export type QueueableCommand = { [N in CommandName]: (typeof COMMAND_ROUTES)[N]['queueable'] extends true ? N : never }[CommandName]

export function isQueueable(name: CommandName): name is QueueableCommand {
  return COMMAND_ROUTES[name].queueable
}

/** What a command does, in words: an i18n key (namespace `outbox`) and its values. */
export interface CommandSummary {
  key: KeyIn<'outbox'>
  values?: Record<string, string | number>
}

/** Why the server refused a command (its status, stable code and message). */
export interface CommandRefusal {
  status: number
  code: string
  message: string
}

export interface OutboxCommand {
  /** The idempotency key, made when the person acted. */
  key: string
  name: QueueableCommand
  /**
   * Path parameters other than the plan. A value made by {@link paramRef} stands for the id
   * created by an earlier command in the outbox (a reply to a thread started offline); it is
   * filled in when that command succeeds.
   */
  params: Record<string, string>
  body?: unknown
  summary: CommandSummary
  /** When the person acted (ms); commands are sent in this order. */
  createdAt: number
  /** Tie-break among commands made in the same millisecond. */
  seq: number
  status: 'pending' | 'refused'
  refusal?: CommandRefusal
}

/** What a caller hands to {@link Outbox.enqueue}; the key is made here unless given (legacy conversion). */
export interface NewCommand {
  name: QueueableCommand
  params?: Record<string, string>
  body?: unknown
  summary: CommandSummary
  key?: string
  createdAt?: number
}

const REF_PREFIX = '@outbox:'

/** A path parameter standing for the id that the command with `key` creates. */
export function paramRef(key: string): string {
  return `${REF_PREFIX}${key}`
}

export function refOf(value: string): string | null {
  return value.startsWith(REF_PREFIX) ? value.slice(REF_PREFIX.length) : null
}
