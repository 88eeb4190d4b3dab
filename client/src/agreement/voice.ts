import { partnersOf, type Member, type Partner } from '@hononga/shared'

/** Why a partner of the plan does not count towards agreement on an item. */
export type VoicelessReason = 'nobodySpeaks' | 'absent'

/** The partners whose positions count, and those that do not, with why. */
export interface PartnerVoices {
  /** Partners with a voice: agreement needs each of them (iwi first). */
  counted: Partner[]
  /** The plan's other partners: nobody speaks for them, or (during a hui) nobody who does is present. */
  voiceless: { partner: Partner; reason: VoicelessReason }[]
}

type MemberVoice = Pick<Member, 'userId' | 'affiliation' | 'organisation'> & { speaksFor?: boolean }

/** A member speaks for their partner unless their membership says otherwise (the server's default is yes). */
export function speaksForPartner(member: MemberVoice | undefined): boolean {
  return member !== undefined && member.speaksFor !== false
}

/**
 * Which partners have a voice on agreement: outside a hui, the partners with at least one
 * member who speaks for them; during a hui (`present`: the user ids the server recorded as
 * attending), the partners with someone who speaks for them present. A partner whose only
 * members are people who do not speak for it (say, observers) never blocks agreement; the
 * item says so instead.
 */
export function partnerVoices(members: readonly MemberVoice[], present: readonly string[] | null): PartnerVoices {
  const speakers = members.filter(speaksForPartner)
  const attending = present === null ? null : new Set(present)
  const voiced = attending === null ? speakers : speakers.filter((member) => attending.has(member.userId))
  const counted = partnersOf(voiced)
  const countedKeys = new Set(counted.map((partner) => partner.key))
  const withSpeakers = new Set(partnersOf(speakers).map((partner) => partner.key))
  const voiceless = partnersOf(members)
    .filter((partner) => !countedKeys.has(partner.key))
    .map((partner) => ({ partner, reason: withSpeakers.has(partner.key) ? ('absent' as const) : ('nobodySpeaks' as const) }))
  return { counted, voiceless }
}
