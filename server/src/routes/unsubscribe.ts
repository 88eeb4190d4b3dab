import { Hono, type Context } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'
import { AppError } from '../errors'
import { escapeHtml } from '../mail/layout'
import { readUnsubscribeToken } from '../mail/unsubscribe-token'

const PAGE = {
  en: { title: 'Unsubscribed', body: (kind: string) => `You will no longer get "${kind}" emails from Hononga.` },
  mi: { title: 'Kua whakamutua', body: (kind: string) => `Kāore koe e whiwhi anō i ngā īmēra "${kind}" mai i Hononga.` },
} as const

/**
 * `GET /api/unsubscribe?token=` (the link in a mail's footer) and `POST` of the same URL (RFC
 * 8058 one-click, sent by the mail provider): sets the person's notification preference for
 * that kind of mail to `never`. No sign-in: the token, signed with the installation's secret,
 * names the person and the kind, and nothing else can. Answers a small page to a browser, JSON
 * otherwise; doing it twice is harmless.
 */
export function unsubscribeRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  async function unsubscribe(c: Context<AppEnv>): Promise<Response> {
    const token = c.req.query('token') ?? ''
    const target = token.length > 0 && token.length < 1000 ? await readUnsubscribeToken(deps.repos, token) : null
    if (!target || !(await deps.repos.mail.unsubscribeKind(target.userId, target.kind))) {
      throw new AppError('invalid_token', 'This unsubscribe link is not valid')
    }
    deps.log.info({ event: 'mail.unsubscribed', userId: target.userId, kind: target.kind }, 'unsubscribed from a kind of mail')
    if (c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html')) {
      const language = (await deps.repos.mail.findMailRecipient(target.userId))?.language ?? 'en'
      const page = PAGE[language]
      return c.html(
        `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${page.title}</title></head>` +
          `<body><main><h1>${page.title}</h1><p>${escapeHtml(page.body(target.kind))}</p></main></body></html>`,
      )
    }
    return c.json({ unsubscribed: true, kind: target.kind })
  }

  app.get('/api/unsubscribe', unsubscribe)
  app.post('/api/unsubscribe', unsubscribe)
  return app
}
