import type { OutgoingMail } from '../types'
import { mailLayout } from '../layout'

/** Hours a verification link stays usable. */
export const VERIFY_LINK_HOURS = 24

const WORDS = {
  en: {
    subject: 'Confirm your email for Hononga',
    heading: 'Confirm your email address',
    paragraphs: (name: string) => [
      `Kia ora ${name},`,
      'Confirm that this is your email address, so Hononga can send you news of your plans and hui.',
      `The link works once, for ${VERIFY_LINK_HOURS} hours.`,
      'If you did not make a Hononga account, ignore this email.',
    ],
    button: 'Confirm my email',
  },
  mi: {
    subject: 'Whakaūngia tō īmēra mō Hononga',
    heading: 'Whakaūngia tō wāhitau īmēra',
    paragraphs: (name: string) => [
      `Kia ora ${name},`,
      'Whakaūngia ko tōu tēnei wāhitau īmēra, kia taea e Hononga te tuku kōrero mō ō mahere me ō hui.',
      `Kotahi noa te whakamahinga o te hono, mō ngā haora ${VERIFY_LINK_HOURS}.`,
      'Ki te kore koe i hanga pūkete Hononga, waiho noa tēnei īmēra.',
    ],
    button: 'Whakaūngia taku īmēra',
  },
} as const

/** The verification email (EN or MI by the account's language): a single-use link to /verify-email. */
export function verifyMail(person: { id: string; email: string; name: string; language: 'en' | 'mi' }, url: string): OutgoingMail {
  const words = WORDS[person.language]
  const { text, html } = mailLayout(person.language, {
    heading: words.heading,
    paragraphs: [...words.paragraphs(person.name)],
    button: { label: words.button, url },
  })
  return { to: person.email, userId: person.id, kind: 'verify-email', subject: words.subject, text, html }
}
