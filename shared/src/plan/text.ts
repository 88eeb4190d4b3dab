import type * as Y from 'yjs'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

// A surrogate half without its partner.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * `value` with any lone surrogate replaced by U+FFFD. Text going into a Y.Text must be
 * well formed: Yjs replaces a surrogate half it splits with U+FFFD on the splitting device
 * only (yjs/yjs#248), and the devices would no longer agree on the text.
 */
export function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD')
}

/**
 * Sets the content of `ytext` to `next` with the smallest edit: keeps the common prefix and
 * suffix and replaces only what lies between. A plain "delete all, insert all" would wipe
 * what someone else typed elsewhere in the same title at the same moment; this keeps it.
 *
 * Never splits a surrogate pair (an emoji), and writes only well-formed text (see
 * {@link wellFormed}), so every device ends with the same text.
 */
export function replaceText(ytext: Y.Text, value: string, origin: TxOrigin = LOCAL_ORIGIN): void {
  if (typeof value !== 'string') throw new Error('Text must be a string')
  const next = wellFormed(value)
  const current = ytext.toString()
  const apply = () => {
    if (ytext.length !== current.length) {
      // Embeds (only a misbehaving client writes them in a title) shift positions: start over.
      ytext.delete(0, ytext.length)
      ytext.insert(0, next)
      return
    }
    const max = Math.min(current.length, next.length)
    let prefix = 0
    while (prefix < max && current.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++
    if (prefix > 0 && isHighSurrogate(current.charCodeAt(prefix - 1))) prefix--
    let suffix = 0
    while (suffix < max - prefix && current.charCodeAt(current.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) {
      suffix++
    }
    if (suffix > 0 && isLowSurrogate(current.charCodeAt(current.length - suffix))) suffix--
    const deleteCount = current.length - prefix - suffix
    const insert = next.slice(prefix, next.length - suffix)
    if (deleteCount > 0) ytext.delete(prefix, deleteCount)
    if (insert !== '') ytext.insert(prefix, insert)
  }
  if (current === next) return
  if (ytext.doc) ytext.doc.transact(apply, origin)
  else apply()
}
