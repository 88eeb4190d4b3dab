import type { Config } from '../config'

/**
 * An absolute URL to `path` on the public origin, for links in mail (which has no request to
 * take an origin from): the first PUBLIC_ORIGIN, else http://localhost:PORT.
 */
export function publicUrl(config: Pick<Config, 'publicOrigins' | 'port'>, path: string): string {
  const origin = config.publicOrigins[0] ?? `http://localhost:${config.port}`
  return `${origin}${path.startsWith('/') ? path : `/${path}`}`
}
