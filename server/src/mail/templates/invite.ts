import { mailLayout } from '../layout'
import type { OutgoingMail } from '../types'

/** The mail kind of an emailed invite (for unsubscribe and the outbox). */
export const INVITE_MAIL_KIND = 'invite'

/** What an invite mail tells, from the server's own records (never from the inviter's device). */
export interface InviteMailFacts {
  to: string
  /** The invitee's account when the address has one (then the mail carries an unsubscribe link). */
  userId: string | null
  inviterName: string
  planTitle: string
  community: string
  url: string
  expiresAt: number
  /** From `unsubscribeParts`, when the invitee has an account. */
  unsubscribe?: { headers: Record<string, string>; footer: string }
}

const WORDS = {
  en: {
    subject: (plan: string) => `You are invited to the plan “${plan}” on Hononga`,
    heading: 'You are invited to a community plan',
    lead: (inviter: string, plan: string, community: string) =>
      `${inviter} invites you to work on the plan “${plan}”${community ? ` for ${community}` : ''} on Hononga.`,
    expiry: (when: string) => `The invite can be used until ${when}. If you do not have an account yet, you can make one when you open it.`,
    ignore: 'If you did not expect this, you can ignore this email.',
    button: 'Open the invite',
  },
  mi: {
    subject: (plan: string) => `Kua pōwhiritia koe ki te mahere “${plan}” i Hononga`,
    heading: 'Kua pōwhiritia koe ki tētahi mahere hapori',
    lead: (inviter: string, plan: string, community: string) =>
      `Ka pōwhiri a ${inviter} i a koe ki te mahi i te mahere “${plan}”${community ? ` mō ${community}` : ''} i Hononga.`,
    expiry: (when: string) =>
      `Ka taea te whakamahi i te pōwhiri nei tae noa ki ${when}. Mēnā kāore anō koe kia whai pūkete, ka taea te hanga ina whakatuwherahia.`,
    ignore: 'Mēnā kāore koe i te tatari ki tēnei, waiho noa iho tēnei īmēra.',
    button: 'Whakatuwhera i te pōwhiri',
  },
} as const

/**
 * The email that carries an invite link, in the inviter's language (the invitee may have no
 * account, so no language of their own yet). Both parts; an unsubscribe link only for an
 * invitee with an account.
 */
export function inviteMail(language: 'en' | 'mi', facts: InviteMailFacts): OutgoingMail {
  const words = WORDS[language]
  const when = new Intl.DateTimeFormat('en-NZ', { timeZone: 'Pacific/Auckland', dateStyle: 'long', timeStyle: 'short' }).format(
    facts.expiresAt,
  )
  const { text, html } = mailLayout(language, {
    heading: words.heading,
    paragraphs: [words.lead(facts.inviterName, facts.planTitle, facts.community), words.expiry(when), words.ignore],
    button: { label: words.button, url: facts.url },
    footer: facts.unsubscribe?.footer,
  })
  return {
    to: facts.to,
    userId: facts.userId,
    kind: INVITE_MAIL_KIND,
    subject: words.subject(facts.planTitle),
    text,
    html,
    headers: facts.unsubscribe?.headers,
  }
}
