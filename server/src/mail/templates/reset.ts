import type { OutgoingMail } from '../types'
import { mailLayout } from '../layout'

/** Minutes a reset link sent by email stays usable. */
export const RESET_LINK_MINUTES = 30

const WORDS = {
  en: {
    subject: 'Reset your Hononga password',
    heading: 'Reset your password',
    paragraphs: (name: string) => [
      `Kia ora ${name},`,
      'Someone (we hope you) asked to reset the password of your Hononga account. Choose a new password with the link below.',
      `The link works once, for ${RESET_LINK_MINUTES} minutes. Resetting signs you out everywhere else.`,
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ],
    button: 'Choose a new password',
  },
  mi: {
    subject: 'Tautuhia anō tō kupuhipa Hononga',
    heading: 'Tautuhia anō tō kupuhipa',
    paragraphs: (name: string) => [
      `Kia ora ${name},`,
      'I tono tētahi (ko koe pea) kia tautuhia anō te kupuhipa o tō pūkete Hononga. Kōwhiria he kupuhipa hou mā te hono i raro nei.',
      `Kotahi noa te whakamahinga o te hono, mō ngā meneti ${RESET_LINK_MINUTES}. Ka takiputa koe i ētahi atu wāhi katoa.`,
      'Ki te kore koe i tono, waiho noa tēnei īmēra: ka noho tonu tō kupuhipa.',
    ],
    button: 'Kōwhiria he kupuhipa hou',
  },
} as const

/** The password-reset email (EN or MI by the account's language): a single-use link to /reset-password. */
export function resetMail(person: { id: string; email: string; name: string; language: 'en' | 'mi' }, url: string): OutgoingMail {
  const words = WORDS[person.language]
  const { text, html } = mailLayout(person.language, {
    heading: words.heading,
    paragraphs: [...words.paragraphs(person.name)],
    button: { label: words.button, url },
  })
  return { to: person.email, userId: person.id, kind: 'password-reset', subject: words.subject, text, html }
}
