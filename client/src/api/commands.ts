import {
  COMMAND_ROUTES,
  IDEMPOTENCY_HEADER,
  type AgreementTarget,
  type CommandName,
  type CommandResult,
  type CommentBody,
  type CommitmentBody,
  type CommitmentId,
  type EngagementBody,
  type EngagementTarget,
  type HuiAdvanceBody,
  type HuiFocusBody,
  type HuiStartBody,
  type HuiTimerBody,
  type ParkBody,
  type ParkPatchBody,
  type PositionBody,
  type ProgressBody,
  type ReleaseBody,
  type ReleaseDecisionBody,
  type ReplyBody,
  type ResponseSchema,
  type ThreadPatchBody,
} from '@hononga/shared'
import { request } from './request'

/** Path parameters of a command other than the plan (`:id`), e.g. `{ threadId }`. */
export type CommandParams = Readonly<Record<string, string>>

/** The address of a command: COMMAND_ROUTES' path with the plan and the other parameters filled in. */
export function commandPath(name: CommandName, planId: string, params: CommandParams = {}): string {
  return COMMAND_ROUTES[name].path.replace(/:([A-Za-z]+)/g, (_whole, param: string) => {
    const value = param === 'id' ? planId : params[param]
    if (value === undefined) throw new Error(`Command ${name} needs the parameter ${param}`)
    return encodeURIComponent(value)
  })
}

/** The schema of command `name`'s answer (shared COMMAND_RESULTS), loaded with the plan's schemas. */
async function resultSchema<N extends CommandName>(name: N): Promise<ResponseSchema<CommandResult<N>>> {
  const { COMMAND_RESULTS } = await import('./planSchemas')
  return COMMAND_RESULTS[name]
}

/**
 * Sends one governance command (shared/src/commands.ts) with its idempotency key: the same
 * key applies once on the server however often it is sent, so a retry is always safe. The
 * answer is parsed with the command's schema (shared COMMAND_RESULTS).
 */
export function sendCommand<N extends CommandName>(
  name: N,
  planId: string,
  key: string,
  params: CommandParams = {},
  body?: unknown,
): Promise<CommandResult<N>> {
  return request(COMMAND_ROUTES[name].method, commandPath(name, planId, params), () => resultSchema(name), body, {
    [IDEMPOTENCY_HEADER]: key,
  })
}

/**
 * One method per governance command (COMMAND_ROUTES), each taking the idempotency key made
 * when the person acted. Queueable commands normally go through the outbox (sync/outbox.ts),
 * which calls {@link sendCommand}; the hui controls, which need a connection, call these.
 */
export const commands = {
  putPosition: (planId: string, body: PositionBody, key: string) => sendCommand('putPosition', planId, key, {}, body),
  withdrawPosition: (planId: string, target: AgreementTarget, key: string) =>
    sendCommand('withdrawPosition', planId, key, { kind: target.kind, targetId: target.id }),
  huiStart: (planId: string, body: HuiStartBody, key: string) => sendCommand('huiStart', planId, key, {}, body),
  huiAdvance: (planId: string, body: HuiAdvanceBody, key: string) => sendCommand('huiAdvance', planId, key, {}, body),
  huiTimer: (planId: string, body: HuiTimerBody, key: string) => sendCommand('huiTimer', planId, key, {}, body),
  huiFocus: (planId: string, body: HuiFocusBody, key: string) => sendCommand('huiFocus', planId, key, {}, body),
  huiEnd: (planId: string, key: string) => sendCommand('huiEnd', planId, key),
  park: (planId: string, body: ParkBody, key: string) => sendCommand('park', planId, key, {}, body),
  patchTopic: (planId: string, topicId: string, body: ParkPatchBody, key: string) =>
    sendCommand('patchTopic', planId, key, { topicId }, body),
  deleteTopic: (planId: string, topicId: string, key: string) => sendCommand('deleteTopic', planId, key, { topicId }),
  promoteTopic: (planId: string, topicId: string, key: string) => sendCommand('promoteTopic', planId, key, { topicId }),
  startThread: (planId: string, body: CommentBody, key: string) => sendCommand('startThread', planId, key, {}, body),
  reply: (planId: string, threadId: string, body: ReplyBody, key: string) => sendCommand('reply', planId, key, { threadId }, body),
  patchThread: (planId: string, threadId: string, body: ThreadPatchBody, key: string) =>
    sendCommand('patchThread', planId, key, { threadId }, body),
  deleteThread: (planId: string, threadId: string, key: string) => sendCommand('deleteThread', planId, key, { threadId }),
  deleteReply: (planId: string, threadId: string, replyId: string, key: string) =>
    sendCommand('deleteReply', planId, key, { threadId, replyId }),
  addProgress: (planId: string, actionId: string, body: ProgressBody, key: string) =>
    sendCommand('addProgress', planId, key, { actionId }, body),
  deleteProgress: (planId: string, actionId: string, entryId: string, key: string) =>
    sendCommand('deleteProgress', planId, key, { actionId, entryId }),
  putEngagement: (planId: string, body: EngagementBody, key: string) => sendCommand('putEngagement', planId, key, {}, body),
  clearEngagement: (planId: string, target: EngagementTarget, key: string) =>
    sendCommand('clearEngagement', planId, key, { kind: target.kind, targetId: target.id }),
  putCommitment: (planId: string, commitmentId: CommitmentId, body: CommitmentBody, key: string) =>
    sendCommand('putCommitment', planId, key, { commitmentId }, body),
  withdrawCommitment: (planId: string, commitmentId: CommitmentId, key: string) =>
    sendCommand('withdrawCommitment', planId, key, { commitmentId }),
  putWithheld: (planId: string, target: AgreementTarget, key: string) => sendCommand('putWithheld', planId, key, {}, { target }),
  withdrawWithheld: (planId: string, target: AgreementTarget, key: string) =>
    sendCommand('withdrawWithheld', planId, key, { kind: target.kind, targetId: target.id }),
  requestRelease: (planId: string, body: ReleaseBody, key: string) => sendCommand('requestRelease', planId, key, {}, body),
  decideRelease: (planId: string, requestId: string, body: ReleaseDecisionBody, key: string) =>
    sendCommand('decideRelease', planId, key, { requestId }, body),
} satisfies Record<CommandName, (...args: never[]) => Promise<unknown>>
