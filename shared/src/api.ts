import { z } from 'zod'
import { SnapshotSummary } from './api-responses'
import { Affiliation, Role } from './domain'
import { MAX_JOIN_CODE_MINUTES, MAX_JOIN_CODE_USES } from './join-code'
import { AgreedMark, AgreementTarget } from './plan/agreements'
import { ENGAGEMENT_LEVELS } from './plan/engagement-levels'
import { MAX_TITLE_CHARS } from './plan/limits'

/**
 * The HTTP contract's request bodies. The server validates every body with these schemas;
 * the client uses the inferred types. Response shapes: ./api-responses.ts.
 */

/** Stable machine-readable error codes. Every HTTP error body is `{ error: { code, message } }`. */
export const API_ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_rejected',
  'not_found',
  'conflict',
  'email_taken',
  'last_facilitator',
  'not_agreed',
  /** The plan is archived: read-only until a facilitator restores it (409). */
  'plan_archived',
  /** The plan is deleted and waits to be removed: read-only until a facilitator undoes it (409). */
  'plan_deleted',
  'invite_expired',
  'invite_revoked',
  /** A password-reset or verification link that is unknown, used or expired (one answer for all three, 410). */
  'invalid_token',
  /** The email's domain must sign in through its organisation's provider (409; the message names the provider). */
  'sso_required',
  'payload_too_large',
  'plan_too_large',
  'rate_limited',
  'plan_unavailable',
  'not_upgradable',
  'internal',
] as const
export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

export const ErrorBody = z.object({
  error: z.object({ code: z.enum(API_ERROR_CODES), message: z.string() }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max)

/**
 * Characters a name must not hold: control characters (NUL included), bidirectional
 * overrides and isolates (which make a name display as something else), and zero-width
 * characters (which make two names that look alike differ).
 */
const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u

/**
 * A name people read: a person's, an organisation's, a plan's title. Normalised to NFC (so
 * "Ngāti" typed with a combining macron and with a precomposed ā are the same name) and
 * trimmed; refused when it holds hidden characters.
 */
export const displayName = (min: number, max: number) =>
  z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .refine((value) => !HIDDEN_CHARACTERS.test(value), { message: 'Remove control, direction-changing or invisible characters' }),
    )

/** True when `value` holds a character a name must not (see displayName). */
export function hasHiddenCharacters(value: string): boolean {
  return HIDDEN_CHARACTERS.test(value)
}

/** A plan's (or an item's) title: the one title limit everywhere (MAX_TITLE_CHARS). */
export const Title = displayName(1, MAX_TITLE_CHARS)

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }))

/** Passwords: long rather than complex (NIST SP 800-63B). */
export const Password = z.string().min(10, 'Use at least 10 characters').max(200)

/** A person's language for email and the app: English or te reo Māori. */
export const Language = z.enum(['en', 'mi'])
export type Language = z.infer<typeof Language>

export const RegisterBody = z.object({
  email: Email,
  name: displayName(1, 100),
  password: Password,
  /** The language the person chose in the browser; default 'en'. */
  language: Language.optional(),
})

/** `PATCH /api/me`: what a person may change about their own account. */
export const UpdateMeBody = z.object({ language: Language })
export type UpdateMeBody = z.infer<typeof UpdateMeBody>
export type RegisterBody = z.infer<typeof RegisterBody>

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(200),
})
export type LoginBody = z.infer<typeof LoginBody>

export const CreatePlanBody = z.object({
  title: Title,
  community: displayName(1, 200),
  district: displayName(0, 100).optional(),
  /** Whom the creator (the plan's first facilitator) speaks for; the server assumes 'police' when absent. */
  affiliation: Affiliation.optional(),
  organisation: displayName(0, 200).optional(),
})
export type CreatePlanBody = z.infer<typeof CreatePlanBody>

/** A plan's heading, changed by a facilitator (`PATCH /api/plans/:id`); at least one field. */
export const UpdatePlanBody = z
  .object({
    title: Title.optional(),
    community: displayName(1, 200).optional(),
    /** '' or null: no district. */
    district: displayName(0, 100).nullable().optional(),
  })
  .refine((b) => b.title !== undefined || b.community !== undefined || b.district !== undefined, { message: 'Nothing to change' })
export type UpdatePlanBody = z.infer<typeof UpdatePlanBody>

/** Deleting a plan (`POST /api/plans/:id/deletion`) takes its title, typed: a deletion is never one click. */
export const DeletePlanBody = z.object({ confirmTitle: z.string().max(1000) })
export type DeletePlanBody = z.infer<typeof DeletePlanBody>

/** How long a deleted plan waits before its content is removed; any facilitator can undo it meanwhile. */
export const PLAN_DELETION_GRACE_DAYS = 30

/**
 * The new plan a template import makes (`newPlan` beside the exported file in
 * `POST /api/plans/import`): its heading and the partner the importer speaks for. Without
 * it the plan is "<title> (from template)" with the file's community and district, and the
 * importer speaks for Police.
 */
export const ImportPlanOptions = CreatePlanBody
export type ImportPlanOptions = CreatePlanBody

/** Invites last a week by default; at most 30 days. */
export const DEFAULT_INVITE_HOURS = 24 * 7
export const MAX_INVITE_HOURS = 24 * 30

export const CreateInviteBody = z.object({
  role: Role,
  affiliation: Affiliation,
  organisation: displayName(0, 200).optional(),
  /** Whether the person invited speaks for their partner (records its position); default true. */
  speaksFor: z.boolean().optional(),
  /** The organisation is a new partner although it looks like an existing one (without this, 409 `conflict`). */
  newPartner: z.boolean().optional(),
  expiresInHours: z.number().int().min(1).max(MAX_INVITE_HOURS).optional(),
  maxUses: z.number().int().min(1).max(1000).optional(),
  /** Also send the invite link to this address (only when the server sends mail: `mailEnabled` in GET /api/me). */
  email: Email.optional(),
})
export type CreateInviteBody = z.infer<typeof CreateInviteBody>

/** Show a join code at a hui (facilitators): how many may ask to join with it, and for how long. */
export const CreateJoinCodeBody = z.object({
  maxUses: z.number().int().min(1).max(MAX_JOIN_CODE_USES).optional(),
  expiresInMinutes: z.number().int().min(5).max(MAX_JOIN_CODE_MINUTES).optional(),
})
export type CreateJoinCodeBody = z.infer<typeof CreateJoinCodeBody>

/** Ask to join a plan with a join code; whom the person speaks for is a suggestion the facilitator may change. */
export const JoinRequestBody = z.object({
  affiliation: Affiliation.optional(),
  organisation: displayName(0, 200).optional(),
})
export type JoinRequestBody = z.infer<typeof JoinRequestBody>

/**
 * Admit a person who asked to join (facilitators): the partner (one of the plan's, or a new one
 * as for invites: `newPartner` confirms a lookalike), the role and whether they speak for their partner.
 */
export const AdmitJoinRequestBody = z.object({
  role: Role,
  affiliation: Affiliation,
  organisation: displayName(0, 200).optional(),
  /** Default true, as for invites. */
  speaksFor: z.boolean().optional(),
  newPartner: z.boolean().optional(),
})
export type AdmitJoinRequestBody = z.infer<typeof AdmitJoinRequestBody>

export const UpdateMemberBody = z
  .object({
    role: Role.optional(),
    affiliation: Affiliation.optional(),
    organisation: displayName(0, 200).nullable().optional(),
    speaksFor: z.boolean().optional(),
    /** The organisation is a new partner although it looks like an existing one (without this, 409 `conflict`). */
    newPartner: z.boolean().optional(),
  })
  .refine((b) => b.role !== undefined || b.affiliation !== undefined || b.organisation !== undefined || b.speaksFor !== undefined, {
    message: 'Nothing to change',
  })
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>

export const CreateSnapshotBody = z.object({
  label: trimmed(1, 200),
})
export type CreateSnapshotBody = z.infer<typeof CreateSnapshotBody>

// Response shapes: ./api-responses.ts (zod schemas, types inferred), except the one that
// carries plan types (MarkAgreedResult, below), which the first page never needs.

// --- Agreement, tracker (see README) ---------------------------------------------------------

/** Mark an item agreed at a hui (facilitators). The server checks every partner present agrees. */
export const MarkAgreedBody = z.object({
  target: AgreementTarget,
  /** Label of the named snapshot taken; default "Agreed at hui, <date>". */
  label: trimmed(1, 200).optional(),
})
export type MarkAgreedBody = z.infer<typeof MarkAgreedBody>

/** Answer to marking an item agreed: the mark and the named snapshot taken for it. */
export const MarkAgreedResult = z.object({
  target: AgreementTarget,
  mark: AgreedMark,
  snapshot: SnapshotSummary,
})
export type MarkAgreedResult = z.infer<typeof MarkAgreedResult>

const flag = z
  .enum(['1', '0', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true')

/** `GET /api/tracker` query: every filter optional; all given filters apply together. */
export const TrackerQuery = z.object({
  /** Actions I lead. */
  mine: flag,
  /** Actions my organisation leads or partners in (in any plan I belong to). */
  organisation: flag,
  overdue: flag,
  atRisk: flag,
  planId: z.string().max(64).optional(),
  district: z.string().max(100).optional(),
  /** Include actions not yet agreed (default: agreed, in progress, at risk, done, or marked agreed). */
  all: flag,
  sort: z.enum(['due', 'plan', 'status']).optional(),
  /** Actions at this engagement level (issue 13 §4). */
  engagement: z.enum(ENGAGEMENT_LEVELS).optional(),
})
export type TrackerQuery = z.input<typeof TrackerQuery>
