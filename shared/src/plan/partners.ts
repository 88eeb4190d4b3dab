import { AFFILIATIONS, type Affiliation } from '../domain'
import { normaliseName } from './values'

/**
 * A partner in a plan: an affiliation and, within it, an organisation ("iwi" + "Ngāti Awa",
 * "agency" + "Ministry of Social Development", "police" + "New Zealand Police"). Members
 * speak for their partner; agreement is recorded per partner, not per person.
 */
export interface Partner {
  key: PartnerKey
  affiliation: Affiliation
  /** As first written (macrons kept); null when the member named no organisation. */
  organisation: string | null
}

/** `affiliation:organisation`, the organisation trimmed, NFC and lower-cased so spellings meet. */
export type PartnerKey = string

export function partnerKey(affiliation: Affiliation, organisation: string | null | undefined): PartnerKey {
  return `${affiliation}:${normaliseName(organisation ?? '').toLocaleLowerCase('en-NZ')}`
}

/** The affiliation of a partner key, or null when it is not one. */
export function partnerAffiliation(key: string): Affiliation | null {
  const affiliation = key.slice(0, key.indexOf(':'))
  return key.includes(':') && (AFFILIATIONS as readonly string[]).includes(affiliation) ? (affiliation as Affiliation) : null
}

/**
 * The partners of a plan, from its members (or the people at a hui): one per affiliation and
 * organisation, iwi first (Treaty partners), then agencies, Police and community groups.
 */
export function partnersOf(people: readonly { affiliation: Affiliation; organisation: string | null }[]): Partner[] {
  const partners = new Map<PartnerKey, Partner>()
  for (const person of people) {
    const key = partnerKey(person.affiliation, person.organisation)
    if (!partners.has(key)) {
      const organisation = normaliseName(person.organisation ?? '')
      partners.set(key, { key, affiliation: person.affiliation, organisation: organisation === '' ? null : organisation })
    }
  }
  return [...partners.values()].sort(
    (a, b) =>
      AFFILIATIONS.indexOf(a.affiliation) - AFFILIATIONS.indexOf(b.affiliation) ||
      (a.organisation ?? '').localeCompare(b.organisation ?? '', 'en-NZ'),
  )
}

/** An organisation name with diacritics, case and spacing taken out: "Ngāti  Awa" and "ngati awa" meet. */
function looseName(organisation: string): string {
  return organisation.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-NZ').replace(/\s+/g, ' ').trim()
}

/**
 * Whether two organisation names are the same partner spelt differently ("Ngāti Awa" and
 * "Ngati Awa"), compared without diacritics, case or spacing. Empty names never match.
 * Used to stop a missing macron from making a second partner in a plan.
 */
export function samePartnerLoosely(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = looseName(a ?? '')
  return left !== '' && left === looseName(b ?? '')
}

/**
 * The existing partner that a new affiliation and organisation would duplicate: null when they
 * name a partner the plan already has (same key) or nothing like one. Matches on the organisation
 * alone, whatever the affiliation, so "Ngati Awa (agency)" meets "Ngāti Awa (iwi)" too.
 */
export function looselyMatchingPartner(
  partners: readonly Partner[],
  affiliation: Affiliation,
  organisation: string | null | undefined,
): Partner | null {
  const key = partnerKey(affiliation, organisation)
  if (partners.some((partner) => partner.key === key)) return null
  return partners.find((partner) => samePartnerLoosely(partner.organisation, organisation)) ?? null
}
