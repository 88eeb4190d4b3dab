import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The TCP peer's address, for throttling. Proxy headers (X-Forwarded-For) are not trusted:
 * anyone could set them. Requests made in-process (`app.request()` in tests) have no socket
 * and share the address 'unknown'.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
