/**
 * File names made from what people wrote (a plan's title, "… – minutes 2026-11-25"), for
 * every download: the server's exports and the minutes the browser saves. Titles carry
 * macrons ("Te Mahere o Whakatāne"), so names keep them (NFC, so "ā" is one character
 * everywhere), and `Content-Disposition` gives an ASCII fallback `filename` for old clients
 * and the real name as `filename*` (RFC 6266, RFC 8187) for everyone else.
 */

// Characters file systems refuse, and control characters.
const UNSAFE = /[\\/:*?"<>|\p{Cc}]+/gu
const MAX_NAME_LENGTH = 120

/**
 * `name` made safe as a file name without its extension: what file systems refuse becomes a
 * space, runs of spaces one, no leading dot, at most 120 characters; `fallback` when nothing
 * is left.
 */
export function fileBaseName(name: string, fallback = 'plan'): string {
  const safe = name.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH).trim()
  return safe.replace(/^\.+/, '') || fallback
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
