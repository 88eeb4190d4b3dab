/**
 * The response schemas (shared/src/api-responses.ts) and the parser, in a chunk of their own:
 * the API client loads it with its first request, in parallel with the request (request.ts),
 * so zod never weighs on the first page (sign-in, plan list).
 */
export {
  AccessLogPage,
  AuditEventList,
  ErrorResponse,
  Invite,
  InviteAccepted,
  InviteList,
  InvitePreview,
  JoinCode,
  JoinPreview,
  JoinRequestList,
  JoinRequestStatus,
  Me,
  Member,
  NoContent,
  parseResponse,
  PartnerList,
  PlanDetail,
  PlanDiff,
  PlanSummary,
  PlanSummaryList,
  RestoreResult,
  SnapshotList,
  SnapshotSummary,
  TrackerResponse,
} from '@hononga/shared'
