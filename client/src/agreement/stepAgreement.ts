import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { agreedStateOf, summariseAgreement, type AgreementTargetKind, type Member, type Partner } from '@hononga/shared'
import { useDocValue } from '../sync/useDocValue'
import { readPresent } from './PlanItemsContext'
import { planItemStoreFor, type ItemAgreement } from './planItemStore'
import { partnerVoices } from './voice'

/**
 * How the items of one ROCC step stand on agreement, for the step's hint ("3 of 5 agreed ·
 * 1 changed since agreed · 1 waiting"). Each item counts once, by what most needs the room's
 * attention: changed since it was marked agreed, then objected to, then agreed (every
 * partner with a voice agrees to it as it reads now, or it was marked agreed at a hui and has
 * not changed since), else waiting for partners' positions.
 */
export interface AgreementTally {
  total: number
  agreed: number
  changed: number
  objected: number
  waiting: number
  /** How many partners have a voice: with none, nothing can be agreed yet. */
  partners: number
}

/** Tallies the items of a step (see {@link AgreementTally}) among `partners`. */
export function tallyAgreement(items: readonly ItemAgreement[], partners: readonly Partner[]): AgreementTally {
  const tally: AgreementTally = { total: 0, agreed: 0, changed: 0, objected: 0, waiting: 0, partners: partners.length }
  for (const item of items) {
    if (item.fingerprint === null) continue
    tally.total++
    const summary = summariseAgreement(partners, item.records, item.fingerprint)
    const { mark, changedSinceAgreed } = agreedStateOf(item.mark, item.fingerprint)
    if (changedSinceAgreed) tally.changed++
    else if (summary.state === 'objected') tally.objected++
    else if (summary.state === 'agreed' || mark !== null) tally.agreed++
    else tally.waiting++
  }
  return tally
}

/** The parts of a step's agreement hint, in reading order, before they are put into words. */
export type TallyPart =
  | { kind: 'allAgreed'; count: number }
  | { kind: 'agreed'; agreed: number; total: number }
  | { kind: 'changed' | 'objected' | 'waiting'; count: number }
  | { kind: 'noPartners' }

/**
 * What a step's hint says about agreement: all agreed; else how many of how many are agreed,
 * then what needs the room (changed since agreed, objections, waiting for positions). Nothing
 * when the step has no items. `started`: only once agreement has begun (some item agreed,
 * changed or objected to), for a step whose hint first says what is missing.
 */
export function tallyParts(tally: AgreementTally, started = false): TallyPart[] {
  if (tally.total === 0) return []
  if (started && tally.agreed + tally.changed + tally.objected === 0) return []
  if (tally.agreed === tally.total) return [{ kind: 'allAgreed', count: tally.total }]
  if (tally.partners === 0 && tally.agreed + tally.changed === 0) return [{ kind: 'noPartners' }]
  const parts: TallyPart[] = [{ kind: 'agreed', agreed: tally.agreed, total: tally.total }]
  for (const kind of ['changed', 'objected', 'waiting'] as const) {
    if (tally[kind] > 0) parts.push({ kind, count: tally[kind] })
  }
  return parts
}

/**
 * The {@link AgreementTally} of every item of `kind` in the plan, following the document
 * through the store the item panels share (read once a burst of typing pauses, never per
 * keystroke). `members` decide which partners have a voice, as on each item.
 */
export function useAgreementTally(doc: Y.Doc, members: readonly Member[], kind: AgreementTargetKind): AgreementTally {
  const store = planItemStoreFor(doc)
  useEffect(() => store.connect(), [store])
  const items = useSyncExternalStore(store.subscribe, () => store.agreementsOfKind(kind))
  const present = useDocValue(doc, readPresent)
  const partners = useMemo(() => partnerVoices(members, present).counted, [members, present])
  return useMemo(() => tallyAgreement(items, partners), [items, partners])
}
