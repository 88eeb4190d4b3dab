/**
 * The route table of the governance commands (./commands.ts), in a module of its own with no
 * imports: the client's API layer, which the first page loads, needs only these constants,
 * and importing them from ./commands.ts would pull its zod schemas (and through them Yjs)
 * into the first page.
 */

/** The header carrying a command's idempotency key. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key'

/**
 * The paths of every command, for the client's outbox and the README. `:id` is the plan.
 * Hui controls (start, advance, timer, focus, end) need a connection; the rest may queue offline.
 */
export const COMMAND_ROUTES = {
  putPosition: { method: 'PUT', path: '/api/plans/:id/positions', queueable: true },
  withdrawPosition: { method: 'DELETE', path: '/api/plans/:id/positions/:kind/:targetId', queueable: true },
  huiStart: { method: 'POST', path: '/api/plans/:id/hui/start', queueable: false },
  huiAdvance: { method: 'POST', path: '/api/plans/:id/hui/advance', queueable: false },
  huiTimer: { method: 'POST', path: '/api/plans/:id/hui/timer', queueable: false },
  huiFocus: { method: 'POST', path: '/api/plans/:id/hui/focus', queueable: false },
  huiEnd: { method: 'POST', path: '/api/plans/:id/hui/end', queueable: false },
  park: { method: 'POST', path: '/api/plans/:id/parking-lot', queueable: true },
  patchTopic: { method: 'PATCH', path: '/api/plans/:id/parking-lot/:topicId', queueable: true },
  deleteTopic: { method: 'DELETE', path: '/api/plans/:id/parking-lot/:topicId', queueable: true },
  // Needs a connection: the action it makes is the server's, and the button shows the link at once.
  promoteTopic: { method: 'POST', path: '/api/plans/:id/parking-lot/:topicId/promote', queueable: false },
  startThread: { method: 'POST', path: '/api/plans/:id/comments', queueable: true },
  reply: { method: 'POST', path: '/api/plans/:id/comments/:threadId/replies', queueable: true },
  patchThread: { method: 'PATCH', path: '/api/plans/:id/comments/:threadId', queueable: true },
  deleteThread: { method: 'DELETE', path: '/api/plans/:id/comments/:threadId', queueable: true },
  deleteReply: { method: 'DELETE', path: '/api/plans/:id/comments/:threadId/replies/:replyId', queueable: true },
  addProgress: { method: 'POST', path: '/api/plans/:id/actions/:actionId/progress', queueable: true },
  deleteProgress: { method: 'DELETE', path: '/api/plans/:id/actions/:actionId/progress/:entryId', queueable: true },
  // Issue 13 §4, §5: the engagement level (facilitators) and the co-design commitments (speakers for their partner).
  putEngagement: { method: 'PUT', path: '/api/plans/:id/engagement', queueable: true },
  clearEngagement: { method: 'DELETE', path: '/api/plans/:id/engagement/:kind/:targetId', queueable: true },
  putCommitment: { method: 'PUT', path: '/api/plans/:id/commitments/:commitmentId', queueable: true },
  withdrawCommitment: { method: 'DELETE', path: '/api/plans/:id/commitments/:commitmentId', queueable: true },
  // Issue 13 §3: partners decide what leaves the plan. Need a connection: the person sees at once what is withheld,
  // and a decision records the versions of the items as they are then.
  putWithheld: { method: 'PUT', path: '/api/plans/:id/withheld', queueable: false },
  withdrawWithheld: { method: 'DELETE', path: '/api/plans/:id/withheld/:kind/:targetId', queueable: false },
  requestRelease: { method: 'POST', path: '/api/plans/:id/releases', queueable: false },
  decideRelease: { method: 'POST', path: '/api/plans/:id/releases/:requestId/decision', queueable: false },
} as const
export type CommandName = keyof typeof COMMAND_ROUTES
