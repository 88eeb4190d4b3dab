import type { AppDeps } from '../app-env'
import { notify } from './notify'

/**
 * `comment-reply`: after a reply is stored, tells the thread's author and everyone who replied
 * before (each once per reply), but not the one replying, and only people still members of
 * the plan. The names come from the plan document, which the server wrote from its own
 * records. A failure is logged: the reply itself has been stored and answered.
 */
export async function notifyCommentReply(
  deps: Pick<AppDeps, 'repos' | 'collab' | 'log' | 'now'>,
  planId: string,
  threadId: string,
  reply: { id: string; authorId: string; authorName: string },
): Promise<number> {
  try {
    const plan = await deps.collab.renderPlan(planId)
    const thread = plan.comments.find((t) => t.id === threadId)
    if (!thread) return 0
    const recipients = new Set([thread.createdBy, ...thread.messages.filter((m) => m.id !== reply.id).map((m) => m.authorId)])
    recipients.delete(reply.authorId)
    const title =
      thread.target.kind === 'action' || thread.target.kind === 'monitoring'
        ? plan.actions.find((a) => a.id === thread.target.id)?.title
        : thread.target.kind === 'focusArea'
          ? plan.focusAreas.find((f) => f.id === thread.target.id)?.title
          : thread.target.kind === 'condition'
            ? plan.conditions.find((f) => f.id === thread.target.id)?.title
            : undefined
    const payload = { planTitle: plan.meta.title, title: title ?? '', authorName: reply.authorName, threadId, target: thread.target }
    let added = 0
    for (const userId of recipients) {
      if (!(await deps.repos.members.findMembership(planId, userId))) continue
      const dedupeKey = `comment-reply:${planId}:${threadId}:${reply.id}`
      if (await notify(deps.repos, { userId, planId, kind: 'comment-reply', dedupeKey, payload }, deps.now())) added++
    }
    return added
  } catch (error) {
    deps.log.error({ event: 'notifications.comment_reply_failed', planId, err: error }, 'could not record reply notifications')
    return 0
  }
}
