/**
 * Every key of the plan `Y.Doc`, in one place. No other code names a document key: the
 * accessors and mutators in this folder are the only way in.
 *
 * Layout (ROCC steps in brackets):
 *
 * ```
 * meta          Y.Map    title: Y.Text, community: Y.Text, district: string | null,
 *                        createdAt: number (ms), schemaVersion: number
 * focusAreas    Y.Map<id, Y.Map>  [1] id, order, title: Y.Text, description: Y.XmlFragment, createdAt
 * environment   Y.XmlFragment     [2] shared understanding of the local environment
 * conditions    Y.Map<id, Y.Map>  [2] same item shape as focus areas
 * actions       Y.Map<id, Y.Map>  [3] id, order, title: Y.Text, focusAreaIds: Y.Map<id, true>,
 *                        activity/output/outcome/impact: Y.XmlFragment, lead, leadUserId,
 *                        partners: Y.Array<string>, dueDate, status,
 *                        measures: Y.Map<id, Y.Map> [4], progress: Y.Map<id, Y.Map> [4], createdAt
 *
 * Agreement, hui and discussion (each its own root, so no client ever has to create a
 * nested type lazily, which two clients would do at once and one would lose):
 * agreements    Y.Map<agreementKey, AgreementRecord>   a partner's position on an item
 * agreedMarks   Y.Map<targetKey, AgreedMark>           written by the server when a facilitator marks an item agreed
 * comments      Y.Map<id, Y.Map>   id, target, createdBy..., resolved, messages: Y.Array<CommentMessage>
 * huiState      Y.Map    huiId, active, startedAt, endedAt, currentItemId, currentItemStartedAt, focus
 * huiAgenda     Y.Map<id, Y.Map>   id, order, kind, title, stepId, target, durationMinutes, karakia
 * huiNotes      Y.Map<agendaItemId, Y.Text>   what was said at each agenda item, written together
 * parkingLot    Y.Map<id, ParkedTopic>
 * attendance    Y.Map<huiId|userId, Attendance>
 * pandaDone     Y.Map<promptId, boolean>
 * panda.<promptId>  Y.Text          the plan's answer to one problem-solving prompt
 * restores      Y.Map<id, RestoreRecord>    written by the server when a facilitator restores a snapshot
 *
 * Who may write each root (a device, a facilitator's device, or the server only) is in
 * ./writers.ts; the structural limits every device write is checked against, in ./limits.ts.
 * ```
 *
 * Collections are maps keyed by id with an `order` key (a fractional index) rather than
 * `Y.Array`s: Yjs has no move, and moving a nested type in an array means delete + re-insert
 * a copy, losing edits made inside it meanwhile. Here a move only sets `order`, and
 * references between items are ids that survive anything.
 */

/** Top-level types of the plan document. */
export const ROOT_KEYS = {
  meta: 'meta',
  focusAreas: 'focusAreas',
  environment: 'environment',
  conditions: 'conditions',
  actions: 'actions',
} as const

/** Top-level types for agreement, the hui and discussion (see the layout above). */
export const COLLAB_ROOT_KEYS = {
  agreements: 'agreements',
  agreedMarks: 'agreedMarks',
  comments: 'comments',
  huiState: 'huiState',
  huiAgenda: 'huiAgenda',
  parkingLot: 'parkingLot',
  attendance: 'attendance',
  pandaDone: 'pandaDone',
  /** Written by the server on every restore: who restored which snapshot, when (RestoreRecord). */
  restores: 'restores',
  /**
   * Notes per agenda item (plain multi-line Y.Text, keyed by the item's id), written by any
   * editor. Their own root, not a key of the agenda item: the agenda is facilitators' alone.
   */
  huiNotes: 'huiNotes',
  /**
   * Who contributed each item (issue 13 §1): written by the server as it applies the device
   * update that created (or removed) the item. Y.Map<targetKey, ItemOrigin>.
   */
  origins: 'origins',
  /** The engagement level agreed for each focus area and action (issue 13 §4). Y.Map<targetKey, EngagementRecord>. */
  engagement: 'engagement',
  /** The co-design commitments: Police's account and each partner's assessment (issue 13 §5). */
  commitments: 'commitments',
  /** Items a partner must approve before they leave the plan (issue 13 §3). Y.Map<targetKey, WithheldMark>. */
  withheld: 'withheld',
  /** Requests to release withheld items, and each owning partner's decision (issue 13 §3). */
  releases: 'releases',
} as const

/** Prefix of the root Y.Text holding the plan's answer to one PANDA prompt. */
export const PANDA_ANSWER_PREFIX = 'panda.'

/** Keys of the `meta` map. */
export const META_KEYS = {
  title: 'title',
  community: 'community',
  district: 'district',
  createdAt: 'createdAt',
  schemaVersion: 'schemaVersion',
  /** When the plan as a whole is next reviewed (YYYY-MM-DD or null). */
  reviewDate: 'reviewDate',
} as const

/** Keys every ordered item (focus area, condition, action, measure) carries. */
export const ITEM_KEYS = {
  id: 'id',
  order: 'order',
  createdAt: 'createdAt',
} as const

/** Keys of a focus area or a condition for success. */
export const SECTION_ITEM_KEYS = {
  ...ITEM_KEYS,
  title: 'title',
  description: 'description',
} as const

/** The results chain of a priority action, in the order it is read. */
export const RESULTS_CHAIN = ['activity', 'output', 'outcome', 'impact'] as const
export type ResultsChainStep = (typeof RESULTS_CHAIN)[number]

/** Keys of a priority action. */
export const ACTION_KEYS = {
  ...ITEM_KEYS,
  title: 'title',
  focusAreaIds: 'focusAreaIds',
  activity: 'activity',
  output: 'output',
  outcome: 'outcome',
  impact: 'impact',
  lead: 'lead',
  leadUserId: 'leadUserId',
  partners: 'partners',
  dueDate: 'dueDate',
  /** When the action is next reviewed (YYYY-MM-DD or null). */
  reviewDate: 'reviewDate',
  status: 'status',
  measures: 'measures',
  progress: 'progress',
} as const

/** Keys of a monitoring measure. */
export const MEASURE_KEYS = {
  ...ITEM_KEYS,
  name: 'name',
  baseline: 'baseline',
  target: 'target',
  unit: 'unit',
  frequency: 'frequency',
  reporter: 'reporter',
} as const

/** Keys of a progress entry. Entries are sorted by date, not by an order key. */
export const PROGRESS_KEYS = {
  id: 'id',
  date: 'date',
  values: 'values',
  status: 'status',
  note: 'note',
  authorId: 'authorId',
  authorName: 'authorName',
  createdAt: 'createdAt',
} as const

/** Keys of a comment thread. */
export const COMMENT_KEYS = {
  id: 'id',
  target: 'target',
  createdBy: 'createdBy',
  createdByName: 'createdByName',
  createdAt: 'createdAt',
  resolved: 'resolved',
  resolvedBy: 'resolvedBy',
  messages: 'messages',
} as const

/** Keys of a hui agenda item. */
export const AGENDA_KEYS = {
  ...ITEM_KEYS,
  kind: 'kind',
  title: 'title',
  stepId: 'stepId',
  target: 'target',
  durationMinutes: 'durationMinutes',
  /** For karakia items: the words, typed or pasted by a facilitator (a plain string; '' when none). */
  karakia: 'karakia',
} as const

/** Keys of the hui state map. */
export const HUI_KEYS = {
  huiId: 'huiId',
  active: 'active',
  startedAt: 'startedAt',
  startedBy: 'startedBy',
  endedAt: 'endedAt',
  currentItemId: 'currentItemId',
  currentItemStartedAt: 'currentItemStartedAt',
  focus: 'focus',
  /** When the facilitator paused the current item's timer (ms), or null while it runs. */
  timerPausedAt: 'timerPausedAt',
  /** Milliseconds added to the current item's time (extend, and time spent paused before resuming). */
  timerExtraMs: 'timerExtraMs',
} as const
