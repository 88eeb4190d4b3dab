import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addFocusArea, agreementKey, CloseCode, getFocusArea, partnerKey, PLAN_LIMITS, toPlanJson } from '@hononga/shared'
import { agreementsRoot, AttackBench, expectClosedWith } from './support/attack-bench'
import { updatesOf } from './support/forge'
import { waitFor } from './support/wait'

/**
 * Issue 9's "one update that stalls everyone": single updates of many megabytes, each refused
 * by a structural limit (shared/src/plan/limits.ts) with nothing stored or relayed. Only
 * correctness is asserted; another plan's round trip meanwhile is logged.
 */

const bench = new AttackBench()
beforeAll(() => bench.start())
afterEach(() => bench.pool.destroyAll())
afterAll(() => bench.stop())

/**
 * Makes `attack` (which builds its update and hands it to the attacker's socket), then times
 * one edit's round trip between two stock clients of another plan; logged, never asserted.
 * The server runs in this process, so the figure includes the server's work on the attack.
 */
async function roundTripAfter(label: string, attack: () => void): Promise<void> {
  const api = bench.people.facilitator
  const planId = await api.createPlan('Another plan', 'Kawerau')
  const a = await bench.pool.join(api, bench.server.wsUrl, planId)
  const b = await bench.pool.join(api, bench.server.wsUrl, planId)
  attack()
  const startedAt = performance.now()
  addFocusArea(a.doc, { title: 'Round trip' })
  await waitFor(() => toPlanJson(b.doc).focusAreas.length === 1, { message: 'round trip on another plan', timeoutMs: 60_000 })
  console.log(`${label}: another plan's round trip took ${(performance.now() - startedAt).toFixed(0)} ms meanwhile`)
}

describe('one update that stalls everyone', () => {
  it('one update of 400,000 map entries (~7.5 MiB) is refused by the map-entries limit', async () => {
    const s = await bench.scene()
    const attacker = await bench.attackerClient(s)
    await roundTripAfter('400,000 map entries', () => {
      const [update] = updatesOf(attacker.doc, () => {
        const area = getFocusArea(attacker.doc, s.focusAreaId)!.map
        for (let i = 0; i < 400_000; i++) area.set(`k${i}`, i)
      })
      expect(update!.length).toBeGreaterThan(7 * 1024 * 1024)
    })
    await expectClosedWith(attacker, CloseCode.EditRefused, '400,000 map entries', 60_000)

    // The limit, not the size, refused it: the same map filled to exactly maxMapEntries is accepted.
    const honest = await bench.attackerClient(s)
    const area = getFocusArea(honest.doc, s.focusAreaId)!.map
    updatesOf(honest.doc, () => {
      for (let i = 0; area.size < PLAN_LIMITS.maxMapEntries; i++) area.set(`ok${i}`, i)
    })
    await waitFor(() => getFocusArea(s.witnessClient.doc, s.focusAreaId)!.map.size === PLAN_LIMITS.maxMapEntries, {
      message: 'a full map reaches the witness',
    })
    expect(honest.closes).toEqual([])

    await bench.expectNoTrace(s, [attacker.doc.clientID], (copy) => {
      expect(getFocusArea(copy, s.focusAreaId)!.map.has('k1')).toBe(false)
      expect(getFocusArea(copy, s.focusAreaId)!.map.size).toBe(PLAN_LIMITS.maxMapEntries)
    })
  })

  it('one update of 1.4 million insertions into one title (~14 MiB) is refused by the title limit', async () => {
    const s = await bench.scene()
    const attacker = await bench.attackerClient(s)
    await roundTripAfter('1.4 million title insertions', () => {
      const [update] = updatesOf(attacker.doc, () => {
        const title = getFocusArea(attacker.doc, s.focusAreaId)!.title
        for (let i = 0; i < 1_400_000; i++) title.insert(0, 'x')
      })
      // 13.3 to 14.7 MiB: each insertion names its neighbour by the client id, whose varint is
      // 4 or 5 bytes long depending on the random id.
      expect(update!.length).toBeGreaterThan(13 * 1024 * 1024)
    })
    await expectClosedWith(attacker, CloseCode.EditRefused, '1.4 million insertions', 60_000)

    // The limit, not the size, refused it: a title of exactly maxTitleChars is accepted.
    const honest = await bench.attackerClient(s)
    const longest = 'Ā'.repeat(PLAN_LIMITS.maxTitleChars)
    updatesOf(honest.doc, () => {
      const title = getFocusArea(honest.doc, s.focusAreaId)!.title
      title.delete(0, title.length)
      title.insert(0, longest)
    })
    await waitFor(() => getFocusArea(s.witnessClient.doc, s.focusAreaId)!.title.toString() === longest, {
      message: 'the longest title reaches the witness',
    })
    expect(honest.closes).toEqual([])

    await bench.expectNoTrace(s, [attacker.doc.clientID], (copy) =>
      expect(getFocusArea(copy, s.focusAreaId)!.title.toString()).toBe(longest),
    )
  })

  it('50,000 positions on items that do not exist are refused', async () => {
    const s = await bench.scene()
    const attacker = await bench.attackerClient(s)
    const partner = partnerKey('iwi', 'Ngāti Awa')
    attacker.doc.transact(() => {
      for (let i = 0; i < 50_000; i++) {
        agreementsRoot(attacker.doc).set(agreementKey({ kind: 'action', id: `missing-${i}` }, partner), {
          position: 'agree',
          comment: '',
          recordedBy: s.attacker.user!.id,
          recordedByName: 'Aroha Tipene',
          recordedAt: Date.now(),
          fingerprint: 'x',
        })
      }
    })
    await expectClosedWith(attacker, CloseCode.EditRefused)
    await bench.expectNoTrace(s, [attacker.doc.clientID], (copy) => expect(agreementsRoot(copy).size).toBe(0))
  })
})
