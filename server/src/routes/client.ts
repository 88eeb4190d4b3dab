import fs from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hononga</title></head>
<body>
<h1>Hononga</h1>
<p>The server is running, but the web client has not been built yet.</p>
<p>Run <code>pnpm build</code>, then restart the server.</p>
</body>
</html>
`

/**
 * Runs a static handler and gives what it found a Cache-Control header. (serveStatic's
 * onFound runs after the response exists, too late to add headers; and a header set on the
 * context up front would also land on the 404 when nothing is found.)
 */
function cached(handler: MiddlewareHandler<AppEnv>, cacheControl: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const found = await handler(c, async () => {})
    if (!found) return next()
    found.headers.set('Cache-Control', cacheControl)
    return found
  }
}

const isServerPath = (p: string) => p === '/api' || p.startsWith('/api/') || p === '/ws' || p.startsWith('/ws/')

/**
 * Serves the built client from `clientDist`: hashed files under /assets/ are cached for a
 * year, everything else (index.html above all) is revalidated on every load so a deploy
 * takes effect at once. Any other GET outside /api and /ws gets index.html, for the
 * client's own routes (/plans/..., /invite/...). Without a build, `GET /` explains that.
 * Mount after the API routes.
 */
export function clientRoutes(clientDist: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const indexFile = path.join(clientDist, 'index.html')
  if (!fs.existsSync(indexFile)) {
    app.get('/', (c) => c.html(NOT_BUILT_PAGE))
    return app
  }
  const assets = cached(serveStatic<AppEnv>({ root: clientDist }), 'public, max-age=31536000, immutable')
  const rootFiles = cached(serveStatic<AppEnv>({ root: clientDist }), 'no-cache')
  const spaIndex = cached(serveStatic<AppEnv>({ root: clientDist, path: 'index.html' }), 'no-cache')

  app.get('/assets/*', assets)
  app.get('*', (c, next) => (isServerPath(c.req.path) ? next() : rootFiles(c, next)))
  app.get('*', (c, next) => (isServerPath(c.req.path) || c.req.path.startsWith('/assets/') ? next() : spaIndex(c, next)))
  return app
}
