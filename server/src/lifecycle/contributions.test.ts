import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addFocusArea, addPriorityAction, contributionOf, initPlanDoc, recordOrigin } from '@hononga/shared'
import { partnerContributions } from './contributions'

const SERVER = { source: 'server', reason: 'test' } as const

describe('a partner’s contributions file', () => {
  it('lists the items the partner added, with their titles now, and no other partner’s', () => {
    const doc = new Y.Doc()
    initPlanDoc(doc, { title: 'Kaitāia plan', community: 'Kaitāia' })
    const area = addFocusArea(doc, { title: 'Rangatahi' })
    const action = addPriorityAction(doc, { title: 'Police rosters' })
    const iwi = { userId: 'userIwiAAAAA', name: 'Aroha', affiliation: 'iwi' as const, organisation: 'Te Rarawa' }
    const police = { userId: 'userPolAAAAA', name: 'Sam', affiliation: 'police' as const, organisation: null }
    recordOrigin(doc, area, contributionOf(doc, 'focusArea', iwi, 1_000), SERVER)
    recordOrigin(doc, action, contributionOf(doc, 'action', police, 2_000), SERVER)

    const partner = { key: 'iwi:te rarawa', affiliation: 'iwi', organisation: 'Te Rarawa', memberIds: new Set([iwi.userId]) }
    const file = partnerContributions(doc, partner, 3_000)
    expect(file.items).toEqual([expect.objectContaining({ kind: 'focusArea', id: area, title: 'Rangatahi', name: 'Aroha' })])
  })
})
