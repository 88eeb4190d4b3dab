import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import {
  addDefaultAgenda,
  addFocusArea,
  addCondition,
  addMeasure,
  addPriorityAction,
  addProgressEntry,
  appendParagraph,
  getFocusArea,
  initPlanDoc,
  markAttendance,
  pandaAnswer,
  parkTopic,
  partnerKey,
  recordPosition,
  recordRestore,
  setAgreedMark,
  setPandaDone,
  startHui,
  startThread,
  type ActionId,
  type ConditionId,
  type FocusAreaId,
  type MeasureId,
} from '@hononga/shared'

/**
 * Helpers for the content scan's tests (content-scan.test.ts, content-scan.fuzz.test.ts):
 * a plan with something in every root, devices holding copies of it, and updates written
 * struct by struct, as an attacker with their own encoder would.
 */

const SERVER = { source: 'server', reason: 'test' } as const

export interface GovernedPlan {
  server: Y.Doc
  focusAreaId: FocusAreaId
  conditionId: ConditionId
  actionId: ActionId
  measureId: MeasureId
  huiId: string
}

/** The server's copy of a plan: content as devices write it, governance as the server writes it. */
export function governedPlan(): GovernedPlan {
  const server = new Y.Doc()
  server.clientID = 1 // the same on every run, for the seeded fuzz test
  initPlanDoc(server, { title: 'Te Mahere', community: 'Whakatāne', createdAt: 0 })
  const focusAreaId = addFocusArea(server, { title: 'Kāinga kore' })
  appendParagraph(getFocusArea(server, focusAreaId)!.description, 'He kōrero')
  const conditionId = addCondition(server, { title: 'Trust between partners' })
  const actionId = addPriorityAction(server, { title: 'Marae-based mentoring', focusAreaIds: [focusAreaId] })
  const measureId = addMeasure(server, actionId, { name: 'Rangatahi mentored', baseline: 0, target: 40 })
  addDefaultAgenda(server)
  setPandaDone(server, 'problem.harm', true)
  pandaAnswer(server, 'problem.harm').insert(0, 'Burglaries')
  addProgressEntry(server, actionId, { date: '2025-03-01', values: { [measureId]: 12 }, authorId: 'u-1', authorName: 'Aroha' }, SERVER)
  const partner = partnerKey('iwi', 'Ngāti Awa')
  recordPosition(
    server,
    { kind: 'focusArea', id: focusAreaId },
    partner,
    { position: 'agree', userId: 'u-1', userName: 'Aroha', fingerprint: 'f' },
    SERVER,
  )
  setAgreedMark(
    server,
    { kind: 'focusArea', id: focusAreaId },
    { snapshotId: 's', label: 'Agreed', at: 1, by: 'u-2', byName: 'Mere', fingerprint: 'f' },
    SERVER,
  )
  const huiId = startHui(server, 'u-2', 1, SERVER)
  markAttendance(server, { huiId, userId: 'u-1', name: 'Aroha', affiliation: 'iwi', organisation: 'Ngāti Awa', at: 2 }, SERVER)
  parkTopic(server, { text: 'Funding', userId: 'u-1', userName: 'Aroha', at: 3 }, SERVER)
  startThread(server, { kind: 'focusArea', id: focusAreaId }, { authorId: 'u-1', authorName: 'Aroha', text: 'Kia ora' }, SERVER)
  recordRestore(server, { id: 'r1', snapshotId: 's', label: 'Before', beforeSnapshotId: 's0', by: 'u-2', byName: 'Mere', at: 4 }, SERVER)
  return { server, focusAreaId, conditionId, actionId, measureId, huiId }
}

/** A device holding an up-to-date copy of `server`. */
export function deviceOf(server: Y.Doc): Y.Doc {
  const device = new Y.Doc()
  Y.applyUpdate(device, Y.encodeStateAsUpdate(server))
  return device
}

/** Makes `change` on the device; returns what the server lacks of it (as a sync step 2 carries it). */
export function editOn(server: Y.Doc, device: Y.Doc, change: (device: Y.Doc) => void): Uint8Array {
  change(device)
  return Y.encodeStateAsUpdate(device, Y.encodeStateVector(server))
}

/** Where a crafted item is: beside neighbours (by id), or in a root (by name) or a type (by its item's id). */
export interface CraftedPlace {
  origin?: Y.ID | null
  rightOrigin?: Y.ID | null
  parent?: string | Y.ID | null
  parentSub?: string | null
}

export function craftItem(client: number, clock: number, place: CraftedPlace, content: Y.Item['content']): Y.Item {
  const { origin = null, rightOrigin = null, parent = null, parentSub = null } = place
  // Item.write writes a string or an ID parent as they are (the "differential updates" case in Yjs).
  return new Y.Item(Y.createID(client, clock), null, origin, null, rightOrigin, parent as unknown as Y.Item['parent'], parentSub, content)
}

export interface CraftedSection {
  client: number
  clock: number
  structs: (Y.Item | Y.GC | Y.Skip)[]
}

/** Encodes an update (format v1) exactly as given: sections in this order, then the delete set. */
export function craftUpdate(sections: CraftedSection[], deletes: { client: number; clock: number; len: number }[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, sections.length)
  for (const section of sections) {
    encoding.writeVarUint(encoder.restEncoder, section.structs.length)
    encoder.writeClient(section.client)
    encoding.writeVarUint(encoder.restEncoder, section.clock)
    for (const struct of section.structs) struct.write(encoder, 0)
  }
  const byClient = new Map<number, { clock: number; len: number }[]>()
  for (const range of deletes) {
    const list = byClient.get(range.client) ?? []
    list.push(range)
    byClient.set(range.client, list)
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size)
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, ranges.length)
    for (const { clock, len } of ranges) {
      encoding.writeVarUint(encoder.restEncoder, clock)
      encoding.writeVarUint(encoder.restEncoder, len)
    }
  }
  return encoder.toUint8Array()
}

/**
 * One update creating a map under `focusAreas` with `entries` plain entries, written straight
 * to the encoder (building it with Y.Map.set or with Item objects takes seconds at 400,000).
 */
export function hugeMapUpdate(client: number, entries: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoding.writeVarUint(encoder.restEncoder, entries + 1)
  encoder.writeClient(client)
  encoding.writeVarUint(encoder.restEncoder, 0)
  craftItem(client, 0, { parent: 'focusAreas', parentSub: 'flood' }, new Y.ContentType(new Y.Map())).write(encoder, 0)
  const map = Y.createID(client, 0)
  const CONTENT_ANY_WITH_KEY = 8 | 0x20 // content ref 8 (ContentAny), bit 6: a parentSub follows
  for (let i = 1; i <= entries; i++) {
    encoder.writeInfo(CONTENT_ANY_WITH_KEY)
    encoder.writeParentInfo(false)
    encoder.writeLeftID(map)
    encoder.writeString(`k${i}`)
    encoder.writeLen(1)
    encoder.writeAny(i)
  }
  encoding.writeVarUint(encoder.restEncoder, 0)
  return encoder.toUint8Array()
}

/** The item holding the current value of `key` in a root map. */
export function rootEntry(doc: Y.Doc, root: string, key: string): Y.Item {
  const item = doc.getMap(root)._map.get(key)
  if (!item) throw new Error(`no ${root}.${key}`)
  return item
}

/** A fresh client id no document here uses. */
export function freshClient(...docs: Y.Doc[]): number {
  let client = 1000
  while (docs.some((doc) => doc.store.clients.has(client))) client++
  return client
}
