import { Hono } from 'hono'
import { canFacilitate, MarkAgreedBody, partnersOf } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import type { MarkAgreedAnswer } from '../collab/commands/mark-agreed'
import type { PartnerVoices } from '../collab/service'
import type { Repos } from '../repos/types'
import { readJsonBody } from './body'
import { commandCaller, runCommand } from './command-http'

/**
 * Agreement at a hui. Partners record their positions as commands (routes/positions.ts);
 * marking an item agreed is the facilitators', through the server, which checks that every
 * partner with a voice agrees and keeps a named snapshot of what was agreed.
 */
export function agreementRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/api/plans/:id/agreements/mark', async (c) => {
    const caller = await commandCaller(c, deps, canFacilitate)
    const body = await readJsonBody(c, MarkAgreedBody)
    const { answer, response } = await runCommand(c, deps, caller, {
      name: 'markAgreed',
      body,
      voices: await partnerVoices(deps.repos, caller.planId),
    })
    const result = answer.body as MarkAgreedAnswer
    if (!answer.replayed) {
      await deps.repos.audit.recordAudit({
        planId: caller.planId,
        actorId: caller.userId,
        event: 'item.agreed',
        details: { target: result.target, snapshotId: result.snapshot.id, label: result.mark.label, partners: result.partners },
        at: deps.now(),
      })
    }
    return response
  })

  return app
}

/** Whose agreement can count in a plan, from its members: those who speak for their partner. */
export async function partnerVoices(repos: Pick<Repos, 'members'>, planId: string): Promise<PartnerVoices> {
  const members = await repos.members.listMembers(planId)
  const speaking = members.filter((m) => m.speaksFor)
  const voiced = partnersOf(speaking)
  const voicedKeys = new Set(voiced.map((p) => p.key))
  return {
    speakers: new Set(speaking.map((m) => m.userId)),
    voiced,
    silent: partnersOf(members).filter((p) => !voicedKeys.has(p.key)),
  }
}
