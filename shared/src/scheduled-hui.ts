import { z } from 'zod'
import { z as mini } from 'zod/mini'

/**
 * Scheduling a hui (issue 14): the request bodies (validated by the server) and the answers
 * (parsed by the client). Times are given as Aotearoa wall-clock (Pacific/Auckland) and kept
 * as UTC milliseconds; the server turns one into the other.
 */

/** The agenda kinds a scheduled hui may carry: those of the running hui (plan/hui.ts AGENDA_KINDS, without `step`). */
export const SCHEDULED_AGENDA_KINDS = ['karakia', 'mihi', 'whakawhanaungatanga', 'item', 'free', 'closing'] as const

/** One agenda item of a scheduled hui: what the hui's agenda gets when the hui starts. */
export const ScheduledAgendaItem = z.object({
  kind: z.enum(SCHEDULED_AGENDA_KINDS).default('item'),
  title: z.string().trim().max(200),
  durationMinutes: z.number().int().min(0).max(1440).nullable().default(null),
})
export type ScheduledAgendaItem = z.output<typeof ScheduledAgendaItem>

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)')
const httpsUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((url) => url.startsWith('https://'), 'The online link must start with https://')

/** `POST /api/plans/:id/scheduled-hui`: a hui on `date` from `start` to `end` (Pacific/Auckland wall-clock). */
export const ScheduledHuiBody = z.object({
  date: localDate,
  start: localTime,
  end: localTime,
  place: z.string().trim().max(200).nullable().optional(),
  onlineUrl: httpsUrl.nullable().optional(),
  title: z.string().trim().max(200).optional(),
  agenda: z.array(ScheduledAgendaItem).max(50).optional(),
})
export type ScheduledHuiBody = z.input<typeof ScheduledHuiBody>

/** `PATCH /api/plans/:id/scheduled-hui/:huiId`: any of the fields; `date`, `start` and `end` are read together. */
export const ScheduledHuiPatchBody = ScheduledHuiBody.partial()
export type ScheduledHuiPatchBody = z.input<typeof ScheduledHuiPatchBody>

export const HUI_RESPONSES = ['yes', 'no', 'maybe'] as const
export type HuiResponse = (typeof HUI_RESPONSES)[number]

/** `PUT /api/plans/:id/scheduled-hui/:huiId/response`: whether the signed-in person is coming. */
export const HuiResponseBody = z.object({ response: z.enum(HUI_RESPONSES) })
export type HuiResponseBody = z.infer<typeof HuiResponseBody>

/** A scheduled hui as members see it, with their own answer and everyone's counts. */
export const ScheduledHuiView = mini.object({
  id: mini.string(),
  planId: mini.string(),
  title: mini.string(),
  /** UTC milliseconds. */
  startsAt: mini.number(),
  endsAt: mini.number(),
  timeZone: mini.string(),
  place: mini.nullable(mini.string()),
  onlineUrl: mini.nullable(mini.string()),
  agenda: mini.array(
    mini.object({ kind: mini.enum(SCHEDULED_AGENDA_KINDS), title: mini.string(), durationMinutes: mini.nullable(mini.number()) }),
  ),
  sequence: mini.number(),
  status: mini.enum(['scheduled', 'cancelled', 'started']),
  myResponse: mini.nullable(mini.enum(HUI_RESPONSES)),
  counts: mini.object({ yes: mini.number(), no: mini.number(), maybe: mini.number() }),
})
export type ScheduledHuiView = mini.infer<typeof ScheduledHuiView>

/** `GET /api/plans/:id/scheduled-hui`: upcoming hui first (soonest first), then recent ones. */
export const ScheduledHuiList = mini.object({ upcoming: mini.array(ScheduledHuiView), recent: mini.array(ScheduledHuiView) })
export type ScheduledHuiList = mini.infer<typeof ScheduledHuiList>

/** `POST /api/me/calendar-feed`: the private feed address (shown once; only its hash is kept). */
export const CalendarFeedCreated = mini.object({ url: mini.string() })
export type CalendarFeedCreated = mini.infer<typeof CalendarFeedCreated>
