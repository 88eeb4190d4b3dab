import { partnersOf, type Member, type Partner } from '@hononga/shared'

/**
 * A partner as people name it: the organisation ("Ngāti Awa", "New Zealand Police"), or the
 * affiliation's name ("Iwi / hapū") when the members named no organisation.
 */
export function partnerName(
  partner: Pick<Partner, 'affiliation' | 'organisation'>,
  affiliationName: (affiliation: Partner['affiliation']) => string,
): string {
  return partner.organisation ?? affiliationName(partner.affiliation)
}

/**
 * The partner a member speaks for: their membership's affiliation and organisation. The
 * server refuses a position recorded for any other partner, so this is the only one offered.
 */
export function myPartnerOf(members: readonly Pick<Member, 'userId' | 'affiliation' | 'organisation'>[], userId: string): Partner | null {
  const member = members.find((m) => m.userId === userId)
  return member ? (partnersOf([member])[0] ?? null) : null
}
