import { Hono, type Context } from 'hono'
import { CreateInviteBody, DEFAULT_INVITE_HOURS, canFacilitate, type InviteAccepted, type InvitePreview, type Role } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership, requireUser } from '../auth/access'
import { inviteCodePrefix, inviteUnusableReason, isWellFormedInviteCode, newInviteCode, type InviteRow } from '../db/invites'
import { AppError, notFound } from '../errors'
import { unsubscribeParts } from '../mail/layout'
import { INVITE_MAIL_KIND, inviteMail } from '../mail/templates/invite'
import type { OutgoingMail } from '../mail/types'
import { admitMember, announceNewMember } from './admit-member'
import { readJsonBody } from './body'
import { planPartners, refuseLookalikePartner } from './partners'
import { iso, toInvite } from './present'

/** Path of the client page that opens an invite; the server only builds links to it. */
export const INVITE_PAGE_PATH = '/invite/'

const noSuchInvite = () => notFound('No such invite')

/** The invite's link on the public origin (the first PUBLIC_ORIGIN), else on the origin the request reached. */
function inviteUrl(c: Context, deps: AppDeps, code: string): string {
  const origin = deps.config.publicOrigins[0] ?? new URL(c.req.url).origin
  return `${origin}${INVITE_PAGE_PATH}${code}`
}

/**
 * The email of a new invite, or null when none is to be sent: mail is off (the invite is
 * still made, to be copied), or the address belongs to someone who turned invite emails off.
 * Written in the inviter's language; names and titles come from the server's records.
 */
async function invitationMail(
  c: Context,
  deps: AppDeps,
  input: { code: string; planId: string; inviterId: string; to: string; expiresAt: number },
): Promise<OutgoingMail | null> {
  if (!deps.mail.enabled) return null
  const inviter = await deps.repos.mail.findMailRecipient(input.inviterId)
  const plan = await deps.repos.plans.getPlanHeading(input.planId)
  if (!inviter || !plan) return null
  const account = await deps.repos.authTokens.findAccountByEmail(input.to)
  if (account && (await deps.repos.notifications.getNotificationPrefs(account.id))[INVITE_MAIL_KIND] === 'never') return null
  const unsubscribe = account ? await unsubscribeParts(deps, account.id, INVITE_MAIL_KIND, inviter.language) : undefined
  return inviteMail(inviter.language, {
    to: input.to,
    userId: account?.id ?? null,
    inviterName: inviter.name,
    planTitle: plan.title,
    community: plan.community,
    url: inviteUrl(c, deps, input.code),
    expiresAt: input.expiresAt,
    unsubscribe,
  })
}

const INVITE_PROBLEMS = {
  revoked: () => new AppError('invite_revoked', 'This invite was withdrawn by a facilitator'),
  expired: () => new AppError('invite_expired', 'This invite has expired'),
  used_up: () => new AppError('invite_expired', 'This invite has been used as many times as it allows'),
} as const

function unusable(invite: InviteRow, now: number): AppError | null {
  const reason = inviteUnusableReason(invite, now)
  return reason === null ? null : INVITE_PROBLEMS[reason]()
}

/**
 * Invites: facilitators create, list and revoke them; anyone holding a code may preview
 * the plan it opens; a signed-in person accepts it to join with the invite's role,
 * affiliation, organisation and whether they speak for their partner. Audit entries name an invite by its code's prefix only.
 */
export function inviteRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/api/plans/:id/invites', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const body = await readJsonBody(c, CreateInviteBody)
    const now = deps.now()
    const code = newInviteCode()
    const invite = {
      code,
      planId,
      role: body.role,
      affiliation: body.affiliation,
      organisation: body.organisation || null,
      speaksFor: body.speaksFor ?? true,
      createdBy: userId,
      now,
      expiresAt: now + (body.expiresInHours ?? DEFAULT_INVITE_HOURS) * 3600_000,
      maxUses: body.maxUses ?? null,
    }
    // Rendered before the transaction (the unsubscribe link reads the instance secret), stored inside it.
    const mail = body.email
      ? await invitationMail(c, deps, { code, planId, inviterId: userId, to: body.email, expiresAt: invite.expiresAt })
      : null
    await deps.repos.transaction(async (tx) => {
      refuseLookalikePartner(await planPartners(tx, planId, now), invite.affiliation, invite.organisation, body.newPartner)
      await tx.invites.insertInvite(invite)
      await tx.audit.recordAudit({
        planId,
        actorId: userId,
        event: 'invite.created',
        details: {
          invite: inviteCodePrefix(code),
          role: invite.role,
          affiliation: invite.affiliation,
          organisation: invite.organisation,
          speaksFor: invite.speaksFor,
          expiresAt: iso(invite.expiresAt),
          maxUses: invite.maxUses,
          emailed: mail !== null,
        },
        at: now,
      })
      // With the invite or not at all: a rolled-back invite sends nothing.
      if (mail) await deps.mail.enqueue(mail, tx)
    })
    const stored = await deps.repos.invites.findInvite(code)
    if (!stored) throw noSuchInvite()
    return c.json(toInvite(stored, inviteUrl(c, deps, code)), 201)
  })

  app.get('/api/plans/:id/invites', async (c) => {
    const { planId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const invites = await deps.repos.invites.listInvites(planId)
    return c.json(invites.map((invite) => toInvite(invite, inviteUrl(c, deps, invite.code))))
  })

  app.delete('/api/plans/:id/invites/:code', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const code = c.req.param('code')
    if (!isWellFormedInviteCode(code)) throw noSuchInvite()
    await deps.repos.transaction(async (tx) => {
      const invite = await tx.invites.findInvite(code)
      if (!invite || invite.planId !== planId) throw noSuchInvite()
      const now = deps.now()
      // Revoking twice is harmless and recorded once.
      if (await tx.invites.revokeInvite(code, now)) {
        await tx.audit.recordAudit({
          planId,
          actorId: userId,
          event: 'invite.revoked',
          details: { invite: inviteCodePrefix(code) },
          at: now,
        })
      }
    })
    return c.body(null, 204)
  })

  app.get('/api/invites/:code', async (c) => {
    const code = c.req.param('code')
    const invite = isWellFormedInviteCode(code) ? await deps.repos.invites.findInvite(code) : null
    const plan = invite ? await deps.repos.plans.getPlanHeading(invite.planId) : null
    if (!invite || !plan) throw noSuchInvite()
    const problem = unusable(invite, deps.now())
    if (problem) throw problem
    const preview: InvitePreview = {
      planId: invite.planId,
      planTitle: plan.title,
      community: plan.community,
      role: invite.role,
      affiliation: invite.affiliation,
      organisation: invite.organisation,
      expiresAt: iso(invite.expiresAt),
      invitedBy: invite.createdByName ?? '',
    }
    return c.json(preview)
  })

  app.post('/api/invites/:code/accept', async (c) => {
    const user = requireUser(c)
    const code = c.req.param('code')
    if (!isWellFormedInviteCode(code)) throw noSuchInvite()
    const now = deps.now()
    const outcome = await deps.repos.transaction(async (tx): Promise<{ planId: string; role: Role; joined: boolean }> => {
      const invite = await tx.invites.findInvite(code)
      if (!invite) throw noSuchInvite()
      // Someone already in the plan keeps their membership as it is, whatever the invite says.
      const existing = await tx.members.findMembership(invite.planId, user.id)
      if (existing) return { planId: existing.planId, role: existing.role, joined: false }
      const problem = unusable(invite, now)
      if (problem) throw problem
      // The check above read `uses`; the conditional UPDATE is what holds under a race.
      if (!(await tx.invites.takeInviteUse(code))) throw INVITE_PROBLEMS.used_up()
      const { planId, role, affiliation, organisation, speaksFor } = invite
      const via = { via: 'invite', invite: inviteCodePrefix(code) }
      await admitMember(
        tx,
        { planId, userId: user.id, name: user.name, role, affiliation, organisation, speaksFor, actorId: user.id, via },
        now,
      )
      return { planId: invite.planId, role: invite.role, joined: true }
    })
    if (outcome.joined) announceNewMember(deps, outcome.planId, user.id)
    const accepted: InviteAccepted = { planId: outcome.planId, role: outcome.role }
    return c.json(accepted)
  })

  return app
}
