/**
 * The plan document: the one place that knows the layout of a plan's `Y.Doc`, with typed
 * accessors for the UI to bind to, validated mutators, rendering to JSON and snapshot
 * restore. Runs in the browser and in Node.
 */
export { ROOT_KEYS, META_KEYS, ITEM_KEYS, SECTION_ITEM_KEYS, ACTION_KEYS, MEASURE_KEYS, PROGRESS_KEYS, RESULTS_CHAIN } from './keys'
export type { ResultsChainStep } from './keys'
export { getPlanRoots, getEnvironment, initPlanDoc, getPlanMeta, setPlanMetaField } from './roots'
export type { PlanRoots, PlanInit, PlanMetaView, PlanMetaFields } from './roots'
export { replaceText, wellFormed } from './text'
export { isIsoDate, isActionStatus, isMeasureFrequency, normaliseName } from './values'
export {
  listFocusAreas,
  getFocusArea,
  addFocusArea,
  removeFocusArea,
  moveFocusArea,
  listConditions,
  getCondition,
  addCondition,
  removeCondition,
  moveCondition,
} from './sections'
export type { SectionItemView, FocusAreaView, ConditionView, SectionItemInput, MoveTo } from './sections'
export {
  listPriorityActions,
  getPriorityAction,
  addPriorityAction,
  removePriorityAction,
  movePriorityAction,
  setActionStatus,
  setActionLead,
  setActionDueDate,
  linkFocusArea,
  unlinkFocusArea,
  setActionPartners,
} from './actions'
export type { PriorityActionView, PriorityActionInput } from './actions'
export {
  listMeasures,
  addMeasure,
  updateMeasure,
  removeMeasure,
  moveMeasure,
  listProgressEntries,
  addProgressEntry,
  removeProgressEntry,
} from './monitoring'
export type {
  MonitoringMeasureView,
  MonitoringMeasureFields,
  MonitoringMeasureInput,
  ProgressEntryView,
  ProgressEntryInput,
} from './monitoring'
export {
  richTextExtensions,
  richTextSchema,
  emptyRichText,
  fragmentToJSON,
  fragmentToPlainText,
  setFragmentFromJSON,
  appendParagraph,
} from './richtext'
export {
  RichTextJson,
  RichTextMarkJson,
  IsoDate,
  PlanMetaJson,
  FocusAreaJson,
  ConditionJson,
  MonitoringMeasureJson,
  ProgressEntryJson,
  PriorityActionJson,
  PlanJson,
  toPlanJson,
} from './json'
export { restorePlanState, planStateFromDoc, planDocFromState } from './restore'
