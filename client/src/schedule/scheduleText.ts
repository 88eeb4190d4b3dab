import { SCHEDULED_AGENDA_KINDS, type ScheduledAgendaItem, type ScheduledHuiView } from '@hononga/shared'

/**
 * What the schedule form reads and shows: agenda lines, and times in Aotearoa whatever the
 * device's own time zone (a partner may open the plan from overseas).
 */

const ZONE = 'Pacific/Auckland'

/**
 * One agenda item per non-blank line; a trailing number is its minutes ("Karakia 5"). A line
 * starting with a kind the running hui knows (karakia, mihi...) takes that kind.
 */
export function parseAgendaLines(text: string): ScheduledAgendaItem[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, 50)
    .map((line) => {
      const match = /^(.*?)\s+(\d{1,4})\s*(?:min|mins|minutes|m)?$/i.exec(line)
      const title = (match ? match[1]! : line).slice(0, 200)
      const minutes = match ? Math.min(Number(match[2]), 1440) : null
      const first = title.split(/\s/)[0]!.toLowerCase()
      const kind = (SCHEDULED_AGENDA_KINDS as readonly string[]).includes(first) ? (first as ScheduledAgendaItem['kind']) : 'item'
      return { kind, title, durationMinutes: minutes }
    })
}

/** The agenda back as lines, for changing it. */
export function agendaToLines(agenda: ScheduledHuiView['agenda']): string {
  return agenda.map((item) => (item.durationMinutes === null ? item.title : `${item.title} ${item.durationMinutes}`)).join('\n')
}

/** The Aotearoa date (YYYY-MM-DD) and time (HH:MM) of an instant, for the form's fields. */
export function aucklandFields(ms: number): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-NZ', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(ms)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` }
}

/** "Saturday, 1 May 2099" and "10:00 am", in Aotearoa time and the reader's language. */
export function aucklandText(ms: number, language: string): { date: string; time: string } {
  const locale = language === 'mi' ? 'mi-NZ' : 'en-NZ'
  return {
    date: new Intl.DateTimeFormat(locale, { timeZone: ZONE, dateStyle: 'full' }).format(ms),
    time: new Intl.DateTimeFormat(locale, { timeZone: ZONE, timeStyle: 'short' }).format(ms),
  }
}
