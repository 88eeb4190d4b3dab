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
      AFFILIATIONS.indexOf(a.affiliation) - AFFILIATIONS.indexOf(b.affiliation) || (a.organisation ?? '').localeCompare(b.organisation ?? '', 'en-NZ'),
  )
}
