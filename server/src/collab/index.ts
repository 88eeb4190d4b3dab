/** The sync engine's public face; server.ts composes it (createCollabEngine). */
export { CollabEngine, PlanNotFoundError, type EngineOptions } from './engine'
export type { CollabService, EngineStats, SocketAccess } from './service'
export type { SocketIdentity } from './connection'
export { systemClock, type Clock } from './clock'
export type { DocStore } from './doc-store'
export type { HookFactory, RoomHook } from './hooks/hook'
