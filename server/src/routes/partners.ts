import { Hono } from 'hono'
import { looselyMatchingPartner, partnersOf, type Affiliation, type Partner } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership } from '../auth/access'
import { inviteUnusableReason } from '../db/invites'
import { AppError } from '../errors'
import type { Repos } from '../repos/types'

/**
 * A plan's partners: one per affiliation and organisation among its members and its live
 * invites (not revoked, expired or used up), so a partner invited but not yet joined is
 * offered when inviting the next person. No table of its own: partners are what people hold.
 * `exceptUserId` leaves one member out (the member whose partner is being changed).
 */
export async function planPartners(
  repos: Pick<Repos, 'members' | 'invites'>,
  planId: string,
  now: number,
  exceptUserId?: string,
): Promise<Partner[]> {
  const members = (await repos.members.listMembers(planId)).filter((member) => member.userId !== exceptUserId)
  const invites = (await repos.invites.listInvites(planId)).filter((invite) => inviteUnusableReason(invite, now) === null)
  return partnersOf([...members, ...invites])
}

function describePartner(affiliation: Affiliation, organisation: string | null): string {
  return `${organisation ?? ''} (${affiliation})`
}

/**
 * Refuses (409 `conflict`) an affiliation and organisation that would make a new partner looking
 * like an existing one ("Ngati Awa" beside "Ngāti Awa"), naming both, unless the facilitator
 * confirmed it is a new partner (`newPartner: true`).
 */
export function refuseLookalikePartner(
  partners: readonly Partner[],
  affiliation: Affiliation,
  organisation: string | null,
  newPartner: boolean | undefined,
): void {
  if (newPartner === true) return
  const existing = looselyMatchingPartner(partners, affiliation, organisation)
  if (!existing) return
  throw new AppError(
    'conflict',
    `This plan already has the partner ${describePartner(existing.affiliation, existing.organisation)}; ` +
      `choose it, or confirm a new partner ${describePartner(affiliation, organisation)}`,
  )
}

/** `GET /api/plans/:id/partners` (members): the plan's partners, iwi first. */
export function partnerRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/api/plans/:id/partners', async (c) => {
    const { planId } = await requireMembership(c, deps, c.req.param('id'))
    return c.json(await planPartners(deps.repos, planId, deps.now()))
  })
  return app
}
