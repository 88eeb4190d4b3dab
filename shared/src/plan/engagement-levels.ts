/**
 * The engagement spectrum of the Crown's guidelines for engagement with Māori (Te Arawhiti,
 * 2018), in the order of the spectrum, with no imports: the tracker's answer schema (loaded on
 * the client's first page) names the levels without pulling in Yjs. See ./engagement.ts.
 */
export const ENGAGEMENT_LEVELS = ['inform', 'consult', 'collaborate', 'partner', 'empower'] as const
export type EngagementLevel = (typeof ENGAGEMENT_LEVELS)[number]

/** The levels in words, in English, as exports and minutes print them ("partner" is shown as co-design). */
export const ENGAGEMENT_WORDS: Readonly<Record<EngagementLevel, string>> = Object.freeze({
  inform: 'Inform',
  consult: 'Consult',
  collaborate: 'Collaborate',
  partner: 'Partner / co-design',
  empower: 'Empower',
})

export function isEngagementLevel(value: unknown): value is EngagementLevel {
  return typeof value === 'string' && (ENGAGEMENT_LEVELS as readonly string[]).includes(value)
}
