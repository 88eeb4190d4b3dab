/**
 * The plan document: the one place that knows the layout of a plan's `Y.Doc`, with typed
 * accessors for the UI to bind to, validated mutators, rendering to JSON and snapshot
 * restore. Runs in the browser and in Node.
 */
export {
  ROOT_KEYS,
  COLLAB_ROOT_KEYS,
  PANDA_ANSWER_PREFIX,
  META_KEYS,
  ITEM_KEYS,
  SECTION_ITEM_KEYS,
  ACTION_KEYS,
  MEASURE_KEYS,
  PROGRESS_KEYS,
  COMMENT_KEYS,
  AGENDA_KEYS,
  HUI_KEYS,
  RESULTS_CHAIN,
} from './keys'
export type { ResultsChainStep } from './keys'
export { getPlanRoots, getEnvironment, initPlanDoc, getPlanMeta, setPlanMetaField, setPlanReviewDate } from './roots'
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
  setActionReviewDate,
  linkFocusArea,
  unlinkFocusArea,
  setActionPartners,
} from './actions'
export type { PriorityActionView, PriorityActionInput } from './actions'
export {
  listMeasures,
  measuresMapOf,
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
  historyThatRecordsNothing,
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
  AgreementJson,
  AgreedMarkJson,
  CommentThreadJson,
  HuiJson,
  PandaJson,
  PlanJson,
  RenderedPlanJson,
  toPlanJson,
} from './json'
export { restorePlanState, planStateFromDoc, planDocFromState } from './restore'
export { looselyMatchingPartner, partnerKey, partnerAffiliation, partnersOf, samePartnerLoosely } from './partners'
export type { Partner, PartnerKey } from './partners'
export { fingerprint, canonicalJson } from './fingerprint'
export {
  AGREEMENT_POSITIONS,
  AGREEMENT_TARGET_KINDS,
  AgreementPosition,
  AgreementTargetKind,
  AgreementTarget,
  AgreementRecord,
  AgreedMark,
  targetKey,
  parseTargetKey,
  agreementKey,
  parseAgreementKey,
  recordPosition,
  withdrawPosition,
  positionsOn,
  allPositions,
  agreedMarkOf,
  allAgreedMarks,
  setAgreedMark,
} from './agreements'
export type { RecordPositionInput } from './agreements'
export {
  agreementContent,
  agreementTargetsOf,
  fingerprintsOf,
  currentFingerprint,
  summariseAgreement,
  agreementOn,
  agreedStateOf,
  agreedStateOn,
} from './agreement-rules'
export type { AgreementState, AgreementSummary, PartnerPosition, AgreedState } from './agreement-rules'
export {
  COMMENT_TARGET_KINDS,
  CommentTarget,
  CommentMessage,
  MAX_COMMENT_LENGTH,
  startThread,
  replyToThread,
  setThreadResolved,
  listThreads,
  removeThread,
  removeReply,
  getThread,
} from './comments'
export type { CommentThreadView } from './comments'
export {
  AGENDA_KINDS,
  AgendaKind,
  HUI_STEP_IDS,
  FacilitatorFocus,
  ParkedTopic,
  Attendance,
  addAgendaItem,
  updateAgendaItem,
  removeAgendaItem,
  moveAgendaItem,
  listAgenda,
  addDefaultAgenda,
  getHuiState,
  observeHuiState,
  startHui,
  endHui,
  setCurrentAgendaItem,
  setFacilitatorFocus,
  clearFacilitatorFocus,
  setHuiTimer,
  timeLeftMs,
  parkTopic,
  setParkedResolved,
  getParkedTopic,
  updateParkedTopic,
  removeParkedTopic,
  listParkingLot,
  attendanceKey,
  markAttendance,
  listAttendance,
  KARAKIA_KINDS,
  hasKarakiaText,
} from './hui'
export { huiNotesRoot, agendaNotes, ensureAgendaNotes, allAgendaNotes } from './notes'
export type { AgendaItemView, AgendaItemInput, HuiState } from './hui'
export { PANDA_STAGES, PANDA_PROMPTS, isPandaPrompt, pandaAnswer, isPandaDone, setPandaDone } from './panda'
export type { PandaStageId, PandaPromptId } from './panda'
export { diffText, richTextToPlain, diffPlans, diffItem, measureLine } from './diff'
export { CSV_BOM, csvCell, toCsv, actionsCsv, monitoringCsv, ACTIONS_CSV_COLUMNS, MONITORING_CSV_COLUMNS } from './csv'
export type { ActionsCsvOptions } from './csv'
export { PLAN_EXPORT_FORMAT, PLAN_EXPORT_VERSION, PlanExport, toPlanExport } from './export'
export * from './printouts'
export { importPlanContent } from './import'
export { minutesOf } from './minutes'
export type { HuiMinutes } from './minutes'
export { ROOT_WRITERS, SERVER_META_KEYS, SERVER_ACTION_KEYS, SCHEMA_ROOTS, writerOf } from './writers'
export type { Writer } from './writers'
export { restoresRoot, recordRestore, listRestores, latestRestore } from './restores'
export { PLAN_LIMITS, MAX_TITLE_CHARS, MAX_RICH_TEXT_DEPTH, TITLE_TEXT_KEYS, MAX_KARAKIA_CHARS } from './limits'
export * from './withheld'
export * from './engagement'
export * from './commitments'
export * from './origins'
