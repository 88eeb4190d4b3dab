import type { Context } from 'hono'
import { IDEMPOTENCY_HEADER, IdempotencyKey, type Role } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership, requireUser } from '../auth/access'
import type { CommandAnswer, CommandCaller, GovernanceCommand } from '../collab/service'
import { AppError } from '../errors'

/**
 * What every governance command route shares: who the caller is (from the session and the
 * members table, never from the body), the Idempotency-Key header, and turning the
 * command's answer into the response.
 */

/** The caller of a command on a plan: 404 for non-members, 403 when `allow` refuses their role. */
export async function commandCaller(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'repos'>,
  allow?: (role: Role) => boolean,
): Promise<CommandCaller & { planId: string }> {
  const user = requireUser(c)
  const membership = await requireMembership(c, deps, c.req.param('id'), allow)
  return {
    planId: membership.planId,
    userId: membership.userId,
    name: user.name,
    role: membership.role,
    affiliation: membership.affiliation,
    organisation: membership.organisation,
    speaksFor: membership.speaksFor,
  }
}

/** The request's Idempotency-Key, or null; 400 when malformed. */
export function readIdempotencyKey(c: Context): string | null {
  const value = c.req.header(IDEMPOTENCY_HEADER)
  if (value === undefined) return null
  const parsed = IdempotencyKey.safeParse(value)
  if (!parsed.success) throw new AppError('validation_failed', `${IDEMPOTENCY_HEADER}: ${parsed.error.issues[0]?.message ?? 'malformed'}`)
  return parsed.data
}

/** Runs a command for the caller and answers with its status and body. */
export async function runCommand(
  c: Context<AppEnv>,
  deps: AppDeps,
  caller: CommandCaller & { planId: string },
  command: GovernanceCommand,
): Promise<{ answer: CommandAnswer; response: Response }> {
  const { planId, ...who } = caller
  const answer = await deps.collab.command(planId, {
    caller: who,
    command,
    key: readIdempotencyKey(c),
    signature: `${c.req.method} ${c.req.path}`,
    at: deps.now(),
  })
  if (answer.replayed) c.header('Idempotent-Replayed', 'true')
  const response = answer.status === 204 ? c.body(null, 204) : c.json(answer.body, answer.status)
  return { answer, response }
}
