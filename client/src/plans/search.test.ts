import type { PlanSummary } from '@hononga/shared'
import { describe, expect, it } from 'vitest'
import { byLastChange, filterPlans, foldForSearch } from './search'

const plan = (title: string, community: string, district: string | null, updatedAt = '2026-01-01T00:00:00.000Z'): PlanSummary => ({
  id: title,
  title,
  community,
  district,
  role: 'editor',
  affiliation: 'iwi',
  organisation: null,
  speaksFor: true,
  createdAt: updatedAt,
  updatedAt,
  memberCount: 1,
  activeCount: 0,
})

describe('plan search', () => {
  const plans = [
    plan('Whāngārei hui plan', 'Whāngārei', 'Northland'),
    plan('Rotorua plan', 'Rotorua', 'Bay of Plenty'),
    plan('Safer whānau', 'Ōtautahi', null),
  ]

  it('folds case and macrons, whether typed as one letter or with a combining macron', () => {
    expect(foldForSearch('Māori')).toBe('maori')
    expect(foldForSearch('Ma\u0304ori')).toBe('maori')
  })

  it('finds a plan with or without the macrons', () => {
    expect(filterPlans(plans, 'whangarei').map((p) => p.title)).toEqual(['Whāngārei hui plan'])
    expect(filterPlans(plans, 'WHĀNGĀREI').map((p) => p.title)).toEqual(['Whāngārei hui plan'])
    expect(filterPlans(plans, 'O\u0304tautahi').map((p) => p.title)).toEqual(['Safer whānau'])
  })

  it('matches every word across title, community and district', () => {
    expect(filterPlans(plans, 'plan bay').map((p) => p.title)).toEqual(['Rotorua plan'])
    expect(filterPlans(plans, 'plan nowhere')).toEqual([])
    expect(filterPlans(plans, '   ')).toHaveLength(3)
  })

  it('sorts by last change, newest first', () => {
    const sorted = byLastChange([plan('old', 'a', null, '2026-01-01T00:00:00.000Z'), plan('new', 'b', null, '2026-03-01T00:00:00.000Z')])
    expect(sorted.map((p) => p.title)).toEqual(['new', 'old'])
  })
})
