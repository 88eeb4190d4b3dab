import type * as Y from 'yjs'
import { listParkingLot, toPlanJson, type OriginKind, type PartnerKey, type PlanJson } from '@hononga/shared'

/** The format name of a partner's contributions file (`GET /api/plans/:id/contributions.json`). */
export const CONTRIBUTIONS_FORMAT = 'hononga.contributions'

/** Whose contributions: the partner, and the members who speak or write for it now. */
export interface ContributingPartner {
  key: PartnerKey
  affiliation: string
  organisation: string | null
  /** User ids of the plan's members with this partner. */
  memberIds: ReadonlySet<string>
}

/**
 * What one partner put into a plan that the server attributes to it: the items it added (focus
 * areas, conditions, actions and measures, with their titles, from the server's record of who
 * added what), its positions (by partner), and the comments, progress reports and parked topics
 * its members wrote. A
 * partner downloads this while a deleted plan waits to be removed, to keep its own record.
 * Written by people who have since left the partner's membership are not included.
 */
export function partnerContributions(doc: Y.Doc, partner: ContributingPartner, at: number) {
  const plan = toPlanJson(doc)
  const mine = (userId: string | null) => userId !== null && partner.memberIds.has(userId)
  return {
    format: CONTRIBUTIONS_FORMAT,
    version: 1,
    exportedAt: new Date(at).toISOString(),
    plan: { title: plan.meta.title, community: plan.meta.community, district: plan.meta.district },
    partner: { key: partner.key, affiliation: partner.affiliation, organisation: partner.organisation },
    items: plan.origins
      .filter((origin) => origin.partner === partner.key)
      .map((origin) => ({ ...origin, title: itemTitle(plan, origin.kind, origin.id) })),
    positions: plan.agreements.filter((agreement) => agreement.partner === partner.key),
    comments: plan.comments.flatMap((thread) =>
      thread.messages
        .filter((message) => mine(message.authorId))
        .map((message) => ({ threadId: thread.id, target: thread.target, ...message })),
    ),
    progressReports: plan.actions.flatMap((action) =>
      action.progress
        .filter((entry) => mine(entry.authorId))
        .map((entry) => ({ actionId: action.id, actionTitle: action.title, ...entry })),
    ),
    parkedTopics: listParkingLot(doc)
      .filter((topic) => mine(topic.addedBy))
      .map((topic) => ({ ...topic, addedAt: new Date(topic.addedAt).toISOString() })),
  }
}

/** An item's title now, or null when it has been removed since. */
function itemTitle(plan: PlanJson, kind: OriginKind, id: string): string | null {
  switch (kind) {
    case 'focusArea':
      return plan.focusAreas.find((item) => item.id === id)?.title ?? null
    case 'condition':
      return plan.conditions.find((item) => item.id === id)?.title ?? null
    case 'action':
      return plan.actions.find((item) => item.id === id)?.title ?? null
    case 'measure': {
      const [actionId, measureId] = id.split('/')
      return plan.actions.find((item) => item.id === actionId)?.measures.find((measure) => measure.id === measureId)?.name ?? null
    }
  }
}
