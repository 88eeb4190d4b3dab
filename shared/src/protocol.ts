/**
 * Wire-level constants shared by the server and every client: y-websocket message types,
 * WebSocket close codes and the schema version a client must speak.
 *
 * Close codes in 4000-4999 are ours; the two standard codes the server uses on purpose
 * (1009, 1012) are listed too, so a client can map every code it can meet to a message.
 */

/** Major version of the plan document schema. A client on another major is refused. */
export const SCHEMA_VERSION = 1

/** Query parameter a client may send with its schema major version (`?schema=1`). */
export const SCHEMA_QUERY_PARAM = 'schema'

/** Query parameter carrying a single-use WebSocket ticket (`?ticket=...`). */
export const TICKET_QUERY_PARAM = 'ticket'

/**
 * Query parameter by which a client asks for acknowledgements (`?acks=1`): see
 * `MessageType.Ack`. Stock y-websocket clients do not ask, and are never sent one.
 */
export const ACKS_QUERY_PARAM = 'acks'

/** The first varuint of every y-websocket frame. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /**
   * Hononga's one extension, server to client, only on sockets opened with `?acks=1`:
   * a varuint N saying that the first N sync step 2 and update messages this socket sent
   * have been processed and whatever they changed is durably stored. It is what lets a
   * client say "saved" truthfully.
   */
  Ack: 4,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** The second varuint of a `Sync` frame (y-protocols/sync). */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType]

/**
 * Every close code the server sends, with the reason string it sends alongside.
 * Reasons are short (a close frame allows 123 bytes) and stable: clients map the code,
 * not the reason, to a message for people.
 *
 * The ranges follow the stock y-websocket client (3.x): 4400-4499 mirror HTTP 4xx, the
 * server's deliberate decision that reconnecting cannot fix, so the client stops retrying
 * and emits `closed`; 4500-4599 and the standard codes are transient and it reconnects.
 */
export const CloseCode = {
  /** Server is shutting down or restarting: reconnect shortly. */
  ServiceRestart: 1012,
  /** A frame exceeded the configured size limit (sent by the WebSocket layer). */
  MessageTooBig: 1009,
  /** The frame could not be decoded: truncated, unknown message type, bad update. */
  BadMessage: 4400,
  /** No valid session cookie or ticket. */
  Unauthenticated: 4401,
  /** Authenticated, but not a member of this plan (or no longer one). */
  Forbidden: 4403,
  /** No plan with this id. */
  PlanNotFound: 4404,
  /** The client speaks another major version of the plan schema. */
  IncompatibleSchema: 4426,
  /**
   * An edit broke a rule of the plan: it wrote where its author may not (a governance root,
   * which only the server writes; a root the schema does not define; a facilitators' root
   * from an editor) or broke a structural limit (shared/src/plan/limits.ts). Refused whole:
   * not applied, stored or broadcast. The client keeps what the person wrote as a
   * "not saved" copy and rejoins with the plan as the server has it.
   */
  EditRefused: 4422,
  /**
   * The edit passed every check but could not be applied (Yjs threw while integrating it).
   * The server kept the plan as it was before the edit, set the edit aside for inspection,
   * and closed only this socket; everyone else carries on. The client keeps what the person
   * wrote as a "not saved" copy and rejoins with the plan as the server has it.
   */
  EditFailed: 4424,
  /** The edit would take the plan past its size cap (PLAN_MAX_BYTES): refused whole, like 4422. */
  PlanTooLarge: 4413,
  /** The socket could not keep up with the plan's traffic; reconnect to resync. */
  SlowConsumer: 4508,
  /** The plan could not be loaded from storage; refusing rather than serving nothing. */
  PlanUnavailable: 4500,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** The reason string sent with each close code. */
export const CloseReason: Record<CloseCode, string> = {
  [CloseCode.ServiceRestart]: 'server restarting',
  [CloseCode.MessageTooBig]: 'message too big',
  [CloseCode.BadMessage]: 'malformed message',
  [CloseCode.Unauthenticated]: 'not signed in',
  [CloseCode.Forbidden]: 'not a member of this plan',
  [CloseCode.PlanNotFound]: 'plan not found',
  [CloseCode.IncompatibleSchema]: 'incompatible client version',
  [CloseCode.EditRefused]: 'edit not allowed',
  [CloseCode.EditFailed]: 'edit could not be applied',
  [CloseCode.PlanTooLarge]: 'plan too large',
  [CloseCode.SlowConsumer]: 'connection too slow',
  [CloseCode.PlanUnavailable]: 'plan temporarily unavailable',
}

/**
 * True for codes after which reconnecting without a change (new sign-in, new ticket, new
 * client version) cannot succeed; the stock y-websocket client stops retrying on these.
 */
export function isTerminalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500
}
