import { pino } from 'pino'
import { EmailDomain } from '@hononga/shared'
import { loadConfig } from './config'
import type { Repositories } from './repos/types'

/** The usage lines of the SSO subcommands (appended to `pnpm admin`'s). */
export const SSO_USAGE = 'pnpm admin require-sso DOMAIN PROVIDER | pnpm admin allow-password DOMAIN | pnpm admin sso-domains\n'

/**
 * `pnpm admin require-sso DOMAIN PROVIDER` (everyone at DOMAIN signs in through PROVIDER, an
 * id in OIDC_PROVIDERS), `pnpm admin allow-password DOMAIN` (lifts it) and `pnpm admin
 * sso-domains` (lists the rules). Returns false for any other command (left to admin-main).
 * Throws an Error with the reason for a bad domain or unknown provider.
 */
export async function runSsoCommand(repos: Repositories, args: readonly string[]): Promise<boolean> {
  const [command, rawDomain, providerId] = args
  const audit = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2))
  if (command === 'sso-domains') {
    const rules = await repos.settings.listSsoDomains()
    if (rules.length === 0) process.stdout.write('No domain must sign in through its organisation.\n')
    for (const rule of rules)
      process.stdout.write(`${rule.domain}  ${rule.providerId}  (since ${new Date(rule.createdAt).toISOString()})\n`)
    return true
  }
  if (command !== 'require-sso' && command !== 'allow-password') return false
  const domain = EmailDomain.safeParse(rawDomain ?? '')
  if (!domain.success) throw new Error(`Give an email domain, such as police.govt.nz.\nUsage: ${SSO_USAGE}`)
  if (command === 'allow-password') {
    const lifted = await repos.settings.deleteSsoDomain(domain.data)
    if (lifted) audit.info({ event: 'sso_domain.deleted', by: 'operator', domain: domain.data }, 'organisation sign-in rule lifted')
    audit.flush()
    process.stdout.write(lifted ? `People at ${domain.data} may use a password again.\n` : `${domain.data} had no rule; nothing changed.\n`)
    return true
  }
  const config = loadConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || undefined })
  const provider = config.oidcProviders.find((p) => p.id === providerId)
  if (!provider) {
    const known = config.oidcProviders.map((p) => p.id).join(', ') || 'none (set OIDC_PROVIDERS)'
    throw new Error(`No provider "${providerId ?? ''}" is configured. Configured: ${known}.`)
  }
  await repos.settings.setSsoDomain({ domain: domain.data, providerId: provider.id, createdBy: null, now: Date.now() })
  audit.info({ event: 'sso_domain.set', by: 'operator', domain: domain.data, providerId: provider.id }, 'organisation sign-in required')
  audit.flush()
  process.stdout.write(`People at ${domain.data} now sign in with ${provider.label}; their passwords no longer work.\n`)
  return true
}
