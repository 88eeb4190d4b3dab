import { Hono } from 'hono'
import { CommentBody, ReplyBody, ThreadPatchBody } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { notifyCommentReply } from '../notifications/comment-reply'
import { readJsonBody } from './body'
import { commandCaller, runCommand } from './command-http'

/**
 * Comment threads and replies, as commands (collab/commands/comments.ts has who may do
 * what). The author's name is the server's record of them.
 */
export function commentRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/api/plans/:id/comments', async (c) => {
    const caller = await commandCaller(c, deps)
    const body = await readJsonBody(c, CommentBody)
    return (await runCommand(c, deps, caller, { name: 'startThread', body })).response
  })

  app.post('/api/plans/:id/comments/:threadId/replies', async (c) => {
    const caller = await commandCaller(c, deps)
    const body = await readJsonBody(c, ReplyBody)
    const threadId = c.req.param('threadId')
    const { answer, response } = await runCommand(c, deps, caller, { name: 'reply', threadId, body })
    const reply = answer.body as { id: string; authorId: string; authorName: string } | null
    if (answer.status === 201 && !answer.replayed && reply) await notifyCommentReply(deps, caller.planId, threadId, reply)
    return response
  })

  app.patch('/api/plans/:id/comments/:threadId', async (c) => {
    const caller = await commandCaller(c, deps)
    const body = await readJsonBody(c, ThreadPatchBody)
    return (await runCommand(c, deps, caller, { name: 'patchThread', threadId: c.req.param('threadId'), body })).response
  })

  app.delete('/api/plans/:id/comments/:threadId', async (c) => {
    const caller = await commandCaller(c, deps)
    return (await runCommand(c, deps, caller, { name: 'deleteThread', threadId: c.req.param('threadId') })).response
  })

  app.delete('/api/plans/:id/comments/:threadId/replies/:replyId', async (c) => {
    const caller = await commandCaller(c, deps)
    const command = { name: 'deleteReply', threadId: c.req.param('threadId'), replyId: c.req.param('replyId') } as const
    return (await runCommand(c, deps, caller, command)).response
  })

  return app
}
