import type * as Y from 'yjs'
import {
  agreedMarkOf,
  agreementTargetsOf,
  fingerprintsOf,
  listThreads,
  positionsOn,
  targetKey,
  toPlanJson,
  type AgreedMark,
  type AgreementRecord,
  type AgreementTarget,
  type AgreementTargetKind,
  type CommentTarget,
  type CommentThreadView,
  type PartnerKey,
  type PlanJson,
} from '@hononga/shared'

/** What one item's agreement panel shows: its current fingerprint, the positions and the mark. */
export interface ItemAgreement {
  /** Fingerprint of the item's content now; null once the item is gone. */
  fingerprint: string | null
  records: ReadonlyMap<PartnerKey, AgreementRecord>
  mark: AgreedMark | null
}

/** A comment thread as shown (the live Y.Map left out, so threads compare by value). */
export type ThreadView = Omit<CommentThreadView, 'map'>

const NO_AGREEMENT: ItemAgreement = { fingerprint: null, records: new Map(), mark: null }
const NO_THREADS: readonly ThreadView[] = []

/** `kind|id` of a comment target (the same shape as an agreement target's key). */
export function commentKey(target: CommentTarget): string {
  return `${target.kind}|${target.id}`
}

/**
 * One reading of the plan document for every agreement panel and comment list on screen.
 *
 * Agreement is about an item's content, so each panel needs the item's fingerprint; rendering
 * the plan to JSON once per item would be quadratic, and doing it on every keystroke wasteful.
 * The store renders the plan once a burst of changes pauses (`delayMs` of quiet, and at least
 * every `maxWaitMs` while people keep typing: a large plan takes ~10 ms to render), derives
 * every item's fingerprint, positions, mark and threads, and hands each subscriber the same
 * object as before unless its own item changed — so `useSyncExternalStore` re-renders only
 * the panels whose item changed, not every panel while someone types.
 */
export class PlanItemStore {
  private plan: PlanJson
  private fingerprints = new Map<string, string>()
  private agreements = new Map<string, { signature: string; value: ItemAgreement }>()
  private threads = new Map<string, { signature: string; value: readonly ThreadView[] }>()
  private readonly listeners = new Set<() => void>()
  private timer: ReturnType<typeof setTimeout> | null = null
  /** When the oldest change not yet read arrived. */
  private pendingSince: number | null = null
  /** Each kind's agreements, worked out from the plan as read (a new reading is a new `plan`). */
  private byKind = new Map<AgreementTargetKind, { plan: PlanJson; value: readonly ItemAgreement[] }>()
  /** Components following the document through this store (see connect). */
  private connections = 0
  private stopFollowing: (() => void) | null = null

  constructor(
    private readonly doc: Y.Doc,
    private readonly delayMs = 250,
    private readonly maxWaitMs = 1000,
  ) {
    this.plan = this.read()
  }

  /**
   * Starts following the document; returns the function that stops (for a React effect).
   * Several components may connect (the step nav and the step's panels share one store): the
   * store follows the document while any of them is connected, and reads it once per change.
   */
  connect(): () => void {
    this.connections++
    if (this.connections === 1) {
      const handleUpdate = () => this.schedule()
      this.doc.on('update', handleUpdate)
      this.stopFollowing = () => {
        this.doc.off('update', handleUpdate)
        if (this.timer !== null) clearTimeout(this.timer)
        this.timer = null
        this.pendingSince = null
      }
      // Changes made between construction and connection are read now.
      this.flush()
    }
    let connected = true
    return () => {
      if (!connected) return
      connected = false
      this.connections--
      if (this.connections === 0) {
        this.stopFollowing?.()
        this.stopFollowing = null
      }
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Reads the document now (after a change made here, so it shows at once). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.pendingSince = null
    this.plan = this.read()
    for (const listener of [...this.listeners]) listener()
  }

  /**
   * What every item of one kind shows (the focus areas, the conditions, the actions or the
   * actions' monitoring), in plan order: the same array until the store reads the document
   * again, so a step's tally is worked out once per reading.
   */
  agreementsOfKind = (kind: AgreementTargetKind): readonly ItemAgreement[] => {
    const cached = this.byKind.get(kind)
    if (cached?.plan === this.plan) return cached.value
    const value = agreementTargetsOf(this.plan)
      .filter((target) => target.kind === kind)
      .map((target) => this.agreementOf(target))
    this.byKind.set(kind, { plan: this.plan, value })
    return value
  }

  /** The plan as last read (for "what changed" against a snapshot). */
  currentPlan = (): PlanJson => this.plan

  agreementOf(target: AgreementTarget): ItemAgreement {
    const key = targetKey(target)
    const fingerprint = this.fingerprints.get(key) ?? null
    const records = positionsOn(this.doc, target)
    const mark = agreedMarkOf(this.doc, target)
    if (fingerprint === null && records.size === 0 && mark === null) return NO_AGREEMENT
    const signature = JSON.stringify([fingerprint, [...records].sort(([a], [b]) => (a < b ? -1 : 1)), mark])
    const cached = this.agreements.get(key)
    if (cached?.signature === signature) return cached.value
    const value = { fingerprint, records, mark }
    this.agreements.set(key, { signature, value })
    return value
  }

  threadsOn(target: CommentTarget): readonly ThreadView[] {
    const key = commentKey(target)
    return this.threads.get(key)?.value ?? NO_THREADS
  }

  private schedule(): void {
    const now = Date.now()
    this.pendingSince ??= now
    if (this.timer !== null) clearTimeout(this.timer)
    const wait = Math.max(0, Math.min(this.delayMs, this.pendingSince + this.maxWaitMs - now))
    this.timer = setTimeout(() => this.flush(), wait)
  }

  private read(): PlanJson {
    const plan = toPlanJson(this.doc)
    this.fingerprints = fingerprintsOf(plan)
    const grouped = new Map<string, ThreadView[]>()
    for (const { map: _map, ...thread } of listThreads(this.doc)) {
      const key = commentKey(thread.target)
      grouped.set(key, [...(grouped.get(key) ?? []), thread])
    }
    const threads = new Map<string, { signature: string; value: readonly ThreadView[] }>()
    for (const [key, list] of grouped) {
      const signature = JSON.stringify(list)
      const cached = this.threads.get(key)
      threads.set(key, cached?.signature === signature ? cached : { signature, value: list })
    }
    this.threads = threads
    return plan
  }
}

const shared = new WeakMap<Y.Doc, PlanItemStore>()

/**
 * The one {@link PlanItemStore} of a document, for everything on screen that reads agreement
 * (the step nav's tallies and every item's panel): the plan is rendered once per burst of
 * changes, not once per reader.
 */
export function planItemStoreFor(doc: Y.Doc): PlanItemStore {
  let store = shared.get(doc)
  if (!store) {
    store = new PlanItemStore(doc)
    shared.set(doc, store)
  }
  return store
}
