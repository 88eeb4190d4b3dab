/**
 * `Content-Disposition` for downloads named after a plan. Titles carry macrons
 * ("Te Mahere o Whakatāne"), so the header gives an ASCII fallback `filename` for old
 * clients and the real name as `filename*` (RFC 6266, RFC 8187) for everyone else.
 */

// Characters file systems refuse, and control characters.
const UNSAFE = /[\\/:*?"<>|\p{Cc}]+/gu
const MAX_NAME_LENGTH = 120

/** The title made safe as a file name (macrons kept), or "plan". */
export function fileBaseName(title: string): string {
  const name = title.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH).trim()
  return name.replace(/^\.+/, '') || 'plan'
}

/** ASCII only: marks dropped (ā → a), anything else outside printable ASCII becomes `_`. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_')
}

/** Percent-encoding of RFC 8187 (attr-char): encodeURIComponent leaves ' ( ) * as they are. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** `attachment; filename="Te Mahere o Whakatane.actions.csv"; filename*=UTF-8''Te%20Mahere%20o%20Whakat%C4%81ne.actions.csv` */
export function attachment(title: string, suffix: string): string {
  const name = fileBaseName(title) + suffix
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeExtValue(name)}`
}
