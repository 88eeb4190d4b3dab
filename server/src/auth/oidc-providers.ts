import { z } from 'zod'

/**
 * One organisation sign-in provider, as configured in `OIDC_PROVIDERS` (a JSON array): Entra
 * ID, Google Workspace or any OpenID Connect provider.
 */
export interface OidcProviderConfig {
  /** In the callback path (`/api/auth/oidc/<id>/callback`) and the SSO domain rules. */
  id: string
  /** The button label: "Sign in with {label}". */
  label: string
  /** The issuer URL (discovery at `<issuer>/.well-known/openid-configuration`). */
  issuer: string
  clientId: string
  clientSecret: string
  /**
   * Link a (verified) email claim to an existing local account with that email. Only for a
   * provider whose email claims the organisation controls (a single-tenant issuer, or Google
   * with `hostedDomain`): with others anyone can claim any email.
   */
  trustEmail: boolean
  /** Google Workspace: the `hd` claim every ID token must carry (and sent as the `hd` hint). */
  hostedDomain: string | undefined
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** True for an issuer on this machine (tests, a provider beside the server): plain http is allowed there only. */
export function isLoopbackIssuer(issuer: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(issuer).hostname)
}

const Provider = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes (at most 32)'),
    label: z.string().trim().min(1).max(60),
    issuer: z.string().url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    trustEmail: z.boolean().default(false),
    hostedDomain: z.string().trim().toLowerCase().min(1).optional(),
  })
  .strict()
  .refine((p) => new URL(p.issuer).protocol === 'https:' || (new URL(p.issuer).protocol === 'http:' && isLoopbackIssuer(p.issuer)), {
    message: 'the issuer must be https (plain http only for a loopback issuer: 127.0.0.1 or localhost)',
    path: ['issuer'],
  })

const Providers = z.array(Provider).refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'provider ids must differ')

/**
 * Parses `OIDC_PROVIDERS`; unset or empty means no organisation sign-in. Throws a readable
 * error (variable, provider index, field) so the server refuses to start misconfigured.
 */
export function parseOidcProviders(raw: string | undefined): OidcProviderConfig[] {
  if (!raw?.trim()) return []
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new Error('Invalid configuration: OIDC_PROVIDERS: not valid JSON (expected an array of providers)')
  }
  const parsed = Providers.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `OIDC_PROVIDERS.${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  return parsed.data.map((p) => ({ ...p, issuer: p.issuer, hostedDomain: p.hostedDomain }))
}
