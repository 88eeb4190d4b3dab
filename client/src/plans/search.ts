import type { PlanSummary } from '@hononga/shared'

/**
 * Text folded for matching: case-insensitive and macron-insensitive, so "waitemata" finds
 * "Waitematā" and "Māori" typed with a combining macron finds "Māori" typed as one letter.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-NZ').trim()
}

/** Plans whose title, community or district contain every word of `query`. */
export function filterPlans(plans: PlanSummary[], query: string): PlanSummary[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return plans
  return plans.filter((plan) => {
    const haystack = foldForSearch([plan.title, plan.community, plan.district ?? ''].join(' '))
    return words.every((word) => haystack.includes(word))
  })
}

/** Most recently changed first. */
export function byLastChange(plans: PlanSummary[]): PlanSummary[] {
  return [...plans].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
}
