/**
 * What one server process tells the others (PostgreSQL only; one process on SQLite has no
 * one to tell). Hand-over requests move a plan to the process the load balancer sends it to;
 * the rest make a change take effect on whichever process holds the plan or the socket,
 * wherever the request that made it arrived. Handlers are idempotent: delivery is at least once.
 */
export type ControlEvent =
  | { kind: 'handover'; planId: string; to: string }
  | { kind: 'membership'; planId: string; userId: string }
  | { kind: 'plan-access'; planId: string }
  | { kind: 'session-closed'; sessionId: string }
  | { kind: 'plan-forgotten'; planId: string }

export interface ControlChannel {
  /** Stores the event and announces it to every process (this one included). */
  publish(event: ControlEvent): Promise<void>
  /** Receives every event; returns the unsubscribe function. */
  subscribe(handler: (event: ControlEvent) => void): () => void
}
