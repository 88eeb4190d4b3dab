import { mailLayout } from '../layout'
import type { OutgoingMail } from '../types'

/** What happened to the scheduled hui: the mail's subject and wording follow it. */
export type HuiMailChange = 'new' | 'changed' | 'cancelled'

/** The mail kind (for unsubscribe and the outbox). */
export const HUI_MAIL_KIND = 'hui-invite'

/** What a hui mail tells, already in plain strings. */
export interface HuiMailFacts {
  title: string
  planTitle: string
  startsAt: number
  endsAt: number
  place: string | null
  onlineUrl: string | null
  /** One line per agenda item. */
  agendaLines: string[]
  planUrl: string
}

const LOCALE = { en: 'en-NZ', mi: 'mi-NZ' } as const

/** "Sunday, 27 September 2026, 10:00 am to 12:00 pm" in Aotearoa time, in the reader's language. */
export function huiWhen(language: 'en' | 'mi', startsAt: number, endsAt: number): string {
  const day = new Intl.DateTimeFormat(LOCALE[language], { timeZone: 'Pacific/Auckland', dateStyle: 'full' })
  const time = new Intl.DateTimeFormat(LOCALE[language], { timeZone: 'Pacific/Auckland', timeStyle: 'short' })
  const until = language === 'mi' ? 'ki' : 'to'
  return `${day.format(startsAt)}, ${time.format(startsAt)} ${until} ${time.format(endsAt)}`
}

const WORDS = {
  en: {
    subject: { new: 'Hui: ', changed: 'Hui changed: ', cancelled: 'Hui cancelled: ' },
    lead: {
      new: (plan: string) => `A hui has been scheduled for the plan “${plan}”.`,
      changed: (plan: string) => `A hui for the plan “${plan}” has changed. Your calendar entry is updated by the attachment.`,
      cancelled: (plan: string) => `A hui for the plan “${plan}” has been cancelled.`,
    },
    when: 'When (Aotearoa time): ',
    place: 'Where: ',
    online: 'Online: ',
    agenda: 'Agenda:',
    answer: 'Say whether you are coming in Hononga (calendar replies go nowhere).',
    button: 'Open the plan',
  },
  mi: {
    subject: { new: 'Hui: ', changed: 'Kua huri te hui: ', cancelled: 'Kua whakakorehia te hui: ' },
    lead: {
      new: (plan: string) => `Kua whakaritea he hui mō te mahere “${plan}”.`,
      changed: (plan: string) => `Kua huri tētahi hui mō te mahere “${plan}”. Mā te tāpiritanga e whakahou tō maramataka.`,
      cancelled: (plan: string) => `Kua whakakorehia tētahi hui mō te mahere “${plan}”.`,
    },
    when: 'Āhea (wā o Aotearoa): ',
    place: 'Kei hea: ',
    online: 'Ā-ipurangi: ',
    agenda: 'Rārangi take:',
    answer: 'Whakaaturia mai ki Hononga mēnā ka tae mai koe (kāore e tae ngā whakautu maramataka).',
    button: 'Whakatuwheratia te mahere',
  },
} as const

/**
 * The hui invitation, change or cancellation (EN or MI by the person's language), with the
 * .ics calendar entry attached and the unsubscribe footer and headers given by the caller.
 */
export function huiMail(input: {
  person: { id: string; email: string; name: string; language: 'en' | 'mi' }
  change: HuiMailChange
  facts: HuiMailFacts
  ics: string
  unsubscribe: { headers: Record<string, string>; footer: string }
}): OutgoingMail {
  const { person, change, facts } = input
  const words = WORDS[person.language]
  const paragraphs = [
    `Kia ora ${person.name},`,
    words.lead[change](facts.planTitle),
    `${facts.title}. ${words.when}${huiWhen(person.language, facts.startsAt, facts.endsAt)}`,
    ...(facts.place ? [`${words.place}${facts.place}`] : []),
    ...(facts.onlineUrl ? [`${words.online}${facts.onlineUrl}`] : []),
    ...(facts.agendaLines.length > 0 ? [`${words.agenda}\n${facts.agendaLines.join('\n')}`] : []),
    ...(change === 'cancelled' ? [] : [words.answer]),
  ]
  const { text, html } = mailLayout(person.language, {
    heading: `${words.subject[change]}${facts.title}`,
    paragraphs,
    button: { label: words.button, url: facts.planUrl },
    footer: input.unsubscribe.footer,
  })
  const method = change === 'cancelled' ? 'CANCEL' : 'REQUEST'
  return {
    to: person.email,
    userId: person.id,
    kind: HUI_MAIL_KIND,
    subject: `${words.subject[change]}${facts.title}`,
    text,
    html,
    headers: input.unsubscribe.headers,
    attachments: [{ filename: 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: input.ics }],
  }
}
