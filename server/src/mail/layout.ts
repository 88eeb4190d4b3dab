import type { AppDeps } from '../app-env'
import { unsubscribeToken } from './unsubscribe-token'
import { publicUrl } from './links'

/** A message's content before layout: plain strings, escaped here for the HTML part. */
export interface MailParts {
  heading: string
  paragraphs: string[]
  /** The one thing to do (open the invite, reset the password): a button in HTML, a bare link in text. */
  button?: { label: string; url: string }
  /** Small print under a rule; URLs in it become links in the HTML part. */
  footer?: string
}

const SIGNATURE = { en: 'Hononga: community plans, made together', mi: 'Hononga: he mahere hapori, he mea hanga tahi' } as const

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** Escaped text with its http(s) URLs made into links. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('')
}

/**
 * Lays a message out as both parts every mail carries: plain text (read by many mail
 * clients and screen readers as is) and a small, inline-styled HTML page in the recipient's
 * language (`lang` set, so screen readers pronounce te reo Māori). Everything is escaped.
 */
export function mailLayout(language: 'en' | 'mi', parts: MailParts): { text: string; html: string } {
  const { heading, paragraphs, button, footer } = parts
  const text = [
    heading,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(button ? [`${button.label}: ${button.url}`, ''] : []),
    '-- ',
    SIGNATURE[language],
    ...(footer ? ['', footer] : []),
  ].join('\n')
  const buttonHtml = button
    ? `<p style="margin:24px 0"><a href="${escapeHtml(button.url)}" style="background:#1d5c4d;color:#ffffff;padding:10px 18px;` +
      `border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(button.label)}</a></p>` +
      `<p style="font-size:13px;color:#555555">${escapeHtml(button.url)}</p>`
    : ''
  const html = [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36em;margin:0 auto;padding:16px">',
    `<h1 style="font-size:20px">${escapeHtml(heading)}</h1>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    buttonHtml,
    `<hr style="border:none;border-top:1px solid #dddddd"><p style="font-size:13px;color:#555555">${escapeHtml(SIGNATURE[language])}</p>`,
    footer ? `<p style="font-size:13px;color:#555555">${linkify(footer)}</p>` : '',
    '</body></html>',
  ].join('\n')
  return { text, html }
}

/**
 * A signed link that turns off email of `kind` for `userId` (GET /api/unsubscribe?token=),
 * with no sign-in: the signature, made with the installation's secret, is the authority.
 * Call it before opening a transaction: the first call reads the secret through `deps.repos`,
 * which on SQLite waits for any open transaction to finish.
 */
export async function unsubscribeLink(deps: Pick<AppDeps, 'repos' | 'config'>, userId: string, kind: string): Promise<string> {
  const token = await unsubscribeToken(deps.repos, userId, kind)
  return publicUrl(deps.config, `/api/unsubscribe?token=${encodeURIComponent(token)}`)
}

const UNSUBSCRIBE_FOOTER = {
  en: (url: string) => `You receive this email because of your Hononga notification settings. To stop emails like this: ${url}`,
  mi: (url: string) => `Ka tae mai tēnei īmēra nā ō tautuhinga pānui Hononga. Hei whakamutu i ngā īmēra pēnei: ${url}`,
} as const

/**
 * What a non-transactional mail to an account holder carries so they can stop it: the
 * List-Unsubscribe headers (RFC 2369, one-click per RFC 8058) and a footer with the same link.
 */
export async function unsubscribeParts(
  deps: Pick<AppDeps, 'repos' | 'config'>,
  userId: string,
  kind: string,
  language: 'en' | 'mi',
): Promise<{ headers: Record<string, string>; footer: string }> {
  const url = await unsubscribeLink(deps, userId, kind)
  return {
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    footer: UNSUBSCRIBE_FOOTER[language](url),
  }
}
