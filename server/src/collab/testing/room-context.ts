import { CloseCode } from '@hononga/shared'
import { createLogger } from '../../log'
import type { RoomContext } from '../room'
import type { WriteQueue } from '../write-queue'

/** Hooks that do nothing: a room on its own, without the concerns around it. */
export const noHooks: RoomContext['hooks'] = {
  onAttached: () => {},
  afterPersisted: () => {},
  onDetached: () => {},
  onDestroyed: () => {},
}

/**
 * A RoomContext for a room tested on its own: accepts every edit, applies every update
 * whole, drops the room on a failed write, as the engine does. `overrides` change a part.
 */
export function roomContext(queue: WriteQueue, overrides: Partial<RoomContext> = {}): RoomContext {
  return {
    queue,
    checkEdit: () => null,
    log: createLogger('silent'),
    planMaxBytes: 64 * 1024 * 1024,
    largeUpdateBytes: Number.POSITIVE_INFINITY,
    splitUpdate: () => Promise.reject(new Error('no splitter in this test')),
    hold: () => () => {},
    release: () => {},
    onBroken: (broken) => broken.destroy(CloseCode.PlanUnavailable),
    onApplyFailed: (broken) => broken.destroy(CloseCode.PlanUnavailable),
    hooks: noHooks,
    ...overrides,
  }
}
