import { ScheduledAgendaItem, type ScheduledHuiView } from '@hononga/shared'
import type { AppDeps } from '../app-env'
import { huiInvitationIcs, type HuiEvent } from '../calendar/ics'
import type { HuiInvitee, ScheduledHuiRow } from '../db/scheduled-hui'
import { unsubscribeParts } from '../mail/layout'
import { publicUrl } from '../mail/links'
import { HUI_MAIL_KIND, huiMail, type HuiMailChange } from '../mail/templates/hui'
import type { Repos } from '../repos/types'

/**
 * Hui invitations by email: who gets one, and what the .ics carries. Split from the routes so
 * the calendar feed can describe a hui the same way.
 */

/** A scheduled hui's agenda, read leniently (a row written by an older version keeps working). */
export function agendaOf(row: Pick<ScheduledHuiRow, 'agenda'>): ScheduledHuiView['agenda'] {
  try {
    const parsed = ScheduledAgendaItem.array().safeParse(JSON.parse(row.agenda))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

/** One line per agenda item, as mail and calendars show it. */
export function agendaLines(row: Pick<ScheduledHuiRow, 'agenda'>): string[] {
  return agendaOf(row).map(
    (item, i) => `${i + 1}. ${item.title || item.kind}${item.durationMinutes ? ` (${item.durationMinutes} min)` : ''}`,
  )
}

/** The plan's address in the app. */
export function planUrl(deps: Pick<AppDeps, 'config'>, planId: string): string {
  return publicUrl(deps.config, `/plans/${planId}`)
}

/** A scheduled hui as a calendar event: the description holds the plan, the online link and the agenda. */
export function huiEvent(deps: Pick<AppDeps, 'config'>, row: ScheduledHuiRow, planTitle: string): HuiEvent {
  const url = planUrl(deps, row.planId)
  const lines = agendaLines(row)
  const description = [
    planTitle,
    ...(row.onlineUrl ? ['', `Online: ${row.onlineUrl}`] : []),
    ...(lines.length > 0 ? ['', 'Agenda:', ...lines] : []),
    '',
    `Hononga: ${url}`,
  ].join('\n')
  return { ...row, description, planUrl: url }
}

/** Splits `Name <address>` (MAIL_FROM) into the organiser a calendar shows. */
export function organizerOf(from: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from)
  if (match) return { name: match[1]?.trim() || 'Hononga', email: match[2]!.trim() }
  return { name: 'Hononga', email: from.trim() }
}

/** Who is mailed about a plan's hui, with what their mail needs that must be read before the transaction. */
export interface PreparedInvitees {
  invitees: HuiInvitee[]
  unsubscribe: Map<string, { headers: Record<string, string>; footer: string }>
}

/**
 * Reads the invitees (members whose email is verified) and their unsubscribe links, when
 * mail is on. Done before the change's transaction: signing a link reads the instance
 * secret, which must not wait on the connection the transaction holds.
 */
export async function prepareInvitees(deps: AppDeps, planId: string): Promise<PreparedInvitees | null> {
  if (!deps.mail.enabled) return null
  const invitees = (await deps.repos.scheduledHui.listHuiInvitees(planId)).filter((person) => person.emailVerifiedAt !== null)
  const unsubscribe = new Map<string, { headers: Record<string, string>; footer: string }>()
  for (const person of invitees) unsubscribe.set(person.userId, await unsubscribeParts(deps, person.userId, HUI_MAIL_KIND, person.language))
  return { invitees, unsubscribe }
}

/**
 * Queues the invitation (or its change or cancellation) for every invitee inside the
 * change's transaction `tx`, and records each in the plan's access log ('message.sent'),
 * since the mail carries the plan's title.
 */
export async function sendHuiMail(
  deps: AppDeps,
  tx: Repos,
  prepared: PreparedInvitees | null,
  input: { row: ScheduledHuiRow; planTitle: string; change: HuiMailChange },
): Promise<void> {
  if (!prepared || prepared.invitees.length === 0) return
  const { row, planTitle, change } = input
  const from = deps.config.mail?.from ?? 'Hononga <no-reply@localhost>'
  const ics = huiInvitationIcs({
    hui: huiEvent(deps, row, planTitle),
    method: change === 'cancelled' ? 'CANCEL' : 'REQUEST',
    organizer: organizerOf(from),
    attendees: prepared.invitees.map((person) => ({ name: person.name, email: person.email })),
  })
  const facts = { ...row, planTitle, agendaLines: agendaLines(row), planUrl: planUrl(deps, row.planId) }
  const at = deps.now()
  for (const person of prepared.invitees) {
    const unsubscribe = prepared.unsubscribe.get(person.userId) ?? { headers: {}, footer: '' }
    await deps.mail.enqueue(huiMail({ person: { ...person, id: person.userId }, change, facts, ics, unsubscribe }), tx)
    await tx.access.recordAccess({
      planId: row.planId,
      userId: person.userId,
      affiliation: person.affiliation,
      organisation: person.organisation,
      kind: 'message.sent',
      details: { what: 'hui-invite', huiId: row.id },
      at,
    })
  }
}
