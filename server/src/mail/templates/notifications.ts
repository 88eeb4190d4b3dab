import { formatCalendarDate } from '@hononga/shared'
import { mailLayout } from '../layout'
import type { OutgoingMail } from '../types'

/** A notification as a mail tells it: its kind and what the producer stored to show. */
export interface MailedNotice {
  kind: string
  planId: string | null
  payload: Record<string, unknown>
}

export type Language = 'en' | 'mi'

const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const day = (value: unknown): string => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCalendarDate(value) : '')

/** One line per kind, in each language: what needs the person. */
const LINES: Record<Language, Record<string, (p: Record<string, unknown>) => string>> = {
  en: {
    'action-due': (p) => `"${str(p.title)}", an action you lead, is due on ${day(p.dueDate)}.`,
    'action-overdue': (p) => `"${str(p.title)}", an action you lead, was due on ${day(p.dueDate)}.`,
    'review-due': (p) => `"${str(p.title)}" is up for review on ${day(p.reviewDate)}.`,
    'comment-reply': (p) => `${str(p.authorName)} replied to your comment${p.title ? ` on "${str(p.title)}"` : ''}.`,
    'changed-since-agreed': (p) => `"${str(p.title)}" has changed since your partner agreed to it.`,
    'position-needed': (p) =>
      Number(p.count) > 1
        ? `Your partner's position is needed on ${Number(p.count)} items at the hui, starting with "${str(p.title)}".`
        : `Your partner's position is needed on "${str(p.title)}".`,
    'hui-scheduled': (p) => `A hui is scheduled: ${str(p.title)}${p.when ? `, ${str(p.when)}` : ''}.`,
    'hui-changed': (p) => `A hui has changed: ${str(p.title)}${p.when ? `, ${str(p.when)}` : ''}.`,
  },
  mi: {
    'action-due': (p) => `Ko "${str(p.title)}", he mahi e ārahina ana e koe, ka tae te rā ki ${day(p.dueDate)}.`,
    'action-overdue': (p) => `Ko "${str(p.title)}", he mahi e ārahina ana e koe, i tae te rā ki ${day(p.dueDate)}.`,
    'review-due': (p) => `Ka arotakehia a "${str(p.title)}" ā te ${day(p.reviewDate)}.`,
    'comment-reply': (p) => `I whakautu a ${str(p.authorName)} ki tō kōrero${p.title ? ` mō "${str(p.title)}"` : ''}.`,
    'changed-since-agreed': (p) => `Kua rerekē a "${str(p.title)}" mai i te whakaaetanga a tō hoa.`,
    'position-needed': (p) =>
      Number(p.count) > 1
        ? `E hiahiatia ana te tūranga o tō hoa mō ngā mea ${Number(p.count)} i te hui, ko "${str(p.title)}" te tuatahi.`
        : `E hiahiatia ana te tūranga o tō hoa mō "${str(p.title)}".`,
    'hui-scheduled': (p) => `Kua whakaritea he hui: ${str(p.title)}${p.when ? `, ${str(p.when)}` : ''}.`,
    'hui-changed': (p) => `Kua rerekē he hui: ${str(p.title)}${p.when ? `, ${str(p.when)}` : ''}.`,
  },
}

const WORDS = {
  en: {
    subjectOne: (planTitle: string) => `Hononga: something needs you in ${planTitle || 'a plan'}`,
    subjectDigest: (count: number) => `Hononga: ${count} ${count === 1 ? 'thing needs' : 'things need'} you`,
    heading: 'What needs you',
    inPlan: (planTitle: string) => `In ${planTitle}:`,
    open: 'Open Hononga',
    stop: (kind: string, url: string) => `To stop emails about ${KIND_NAMES.en[kind] ?? kind}: ${url}`,
  },
  mi: {
    subjectOne: (planTitle: string) => `Hononga: he mea e hiahia ana ki a koe i ${planTitle || 'tētahi mahere'}`,
    subjectDigest: (count: number) => `Hononga: e ${count} ngā mea e hiahia ana ki a koe`,
    heading: 'Ngā mea e hiahia ana ki a koe',
    inPlan: (planTitle: string) => `I ${planTitle}:`,
    open: 'Whakatuwhera i a Hononga',
    stop: (kind: string, url: string) => `Hei whakamutu i ngā īmēra mō ${KIND_NAMES.mi[kind] ?? kind}: ${url}`,
  },
} as const

/** The kinds' names in the unsubscribe lines. */
export const KIND_NAMES: Record<Language, Record<string, string>> = {
  en: {
    'action-due': 'actions due',
    'action-overdue': 'overdue actions',
    'review-due': 'reviews due',
    'comment-reply': 'replies to your comments',
    'changed-since-agreed': 'items changed since agreed',
    'position-needed': "your partner's position",
    'hui-scheduled': 'hui scheduled',
    'hui-changed': 'hui changed',
  },
  mi: {
    'action-due': 'ngā mahi ka tae te rā',
    'action-overdue': 'ngā mahi kua hipa te rā',
    'review-due': 'ngā arotake',
    'comment-reply': 'ngā whakautu ki ō kōrero',
    'changed-since-agreed': 'ngā mea kua rerekē',
    'position-needed': 'te tūranga o tō hoa',
    'hui-scheduled': 'ngā hui kua whakaritea',
    'hui-changed': 'ngā hui kua rerekē',
  },
}

/** One notification as a sentence in `language`. */
export function noticeLine(language: Language, notice: MailedNotice): string {
  const line = LINES[language][notice.kind]
  return line ? line(notice.payload) : str(notice.payload.title)
}

/**
 * The mail of one or more notifications to one person: a single one mailed at once, or the
 * daily digest listing them by plan. `unsubscribe` has a signed link per kind listed.
 */
export function notificationsMail(
  person: { userId: string; email: string; language: Language },
  notices: MailedNotice[],
  links: { open: string; unsubscribe: Record<string, string> },
  digest: boolean,
): OutgoingMail {
  const words = WORDS[person.language]
  const paragraphs: string[] = []
  const byPlan = new Map<string, MailedNotice[]>()
  for (const notice of notices) {
    const planTitle = str(notice.payload.planTitle)
    byPlan.set(planTitle, [...(byPlan.get(planTitle) ?? []), notice])
  }
  for (const [planTitle, planNotices] of byPlan) {
    if (planTitle) paragraphs.push(words.inPlan(planTitle))
    for (const notice of planNotices) paragraphs.push(`• ${noticeLine(person.language, notice)}`)
  }
  const footer = Object.entries(links.unsubscribe)
    .map(([kind, url]) => words.stop(kind, url))
    .join('\n')
  const { text, html } = mailLayout(person.language, {
    heading: words.heading,
    paragraphs,
    button: { label: words.open, url: links.open },
    footer,
  })
  const first = notices[0]
  const subject = digest || !first ? words.subjectDigest(notices.length) : words.subjectOne(str(first.payload.planTitle))
  const kind = digest ? 'digest' : (first?.kind ?? 'notification')
  const onlyKind = Object.keys(links.unsubscribe).length === 1 ? Object.values(links.unsubscribe)[0] : undefined
  const headers = onlyKind ? { 'List-Unsubscribe': `<${onlyKind}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined
  return { to: person.email, userId: person.userId, kind, subject, text, html, ...(headers ? { headers } : {}) }
}
