import * as Y from 'yjs'
import { initPlanDoc, type PlanInit } from './roots'
import { planDocFromState, planStateFromDoc } from './restore'

/**
 * Helpers for this folder's tests: plan documents as the server creates them, and peers
 * exchanging updates. Not exported from the package.
 */

/** The state of a plan just created on the server. */
export function newPlanState(init: Partial<PlanInit> = {}): Uint8Array {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Te Mahere', community: 'Whakatāne', district: 'Bay of Plenty', createdAt: 0, ...init })
  return planStateFromDoc(doc)
}

/** A plan document as the server creates it (or as a device has it after syncing). */
export function newPlanDoc(init: Partial<PlanInit> = {}): Y.Doc {
  return planDocFromState(newPlanState(init))
}

/** Several devices holding the same freshly created plan. */
export function peers(count: number, init: Partial<PlanInit> = {}): Y.Doc[] {
  const state = newPlanState(init)
  return Array.from({ length: count }, () => planDocFromState(state))
}

/** Brings every doc up to date with every other (a full exchange, as after reconnecting). */
export function syncAll(docs: readonly Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
    }
  }
}
