import * as client from 'openid-client'
import type { Config } from '../config'
import type { Logger } from '../log'
import { publicUrl } from '../mail/links'
import { isLoopbackIssuer, type OidcProviderConfig } from './oidc-providers'
import { sign, verifySigned } from './instance-secret'

/** The short-lived cookie that carries a sign-in's state, nonce, PKCE verifier and return path. */
export const OIDC_COOKIE = 'hononga_oidc'
/** Where the cookie is sent: only the organisation sign-in routes. */
export const OIDC_COOKIE_PATH = '/api/auth/oidc'
/** How long a person has to finish signing in at their provider. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000

/** What the signed flow cookie holds between `start` and `callback`. */
export interface OidcFlow {
  providerId: string
  state: string
  nonce: string
  verifier: string
  returnTo: string
  expiresAt: number
}

/** The claims of a validated ID token that sign-in uses. */
export interface OidcClaims {
  issuer: string
  subject: string
  email: string | null
  emailVerified: boolean | null
  name: string | null
  hostedDomain: string | null
}

/** The callback URL registered with each provider: `<public origin>/api/auth/oidc/<id>/callback`. */
export function callbackUrl(config: Pick<Config, 'publicOrigins' | 'port'>, providerId: string): string {
  return publicUrl(config, `/api/auth/oidc/${encodeURIComponent(providerId)}/callback`)
}

/**
 * A same-origin path to return to after signing in, or `/plans`: never another origin
 * (`//evil`, `/\evil`, `https://...`), so the flow cannot be used as an open redirect.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 500) return '/plans'
  if (/[\u0000-\u001f\\]/.test(value)) return '/plans'
  return value
}

/** Signs a flow for its cookie (the instance secret, so any server process can finish it). */
export function sealFlow(secret: Buffer, flow: OidcFlow): string {
  return sign(secret, Buffer.from(JSON.stringify(flow), 'utf8').toString('base64url'))
}

/** The flow a cookie holds, or null when it is missing, forged, altered or expired. */
export function openFlow(secret: Buffer, cookie: string | undefined, now: number): OidcFlow | null {
  if (!cookie) return null
  const payload = verifySigned(secret, cookie)
  if (payload === null) return null
  try {
    const flow = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcFlow
    return typeof flow.expiresAt === 'number' && flow.expiresAt > now ? flow : null
  } catch {
    return null
  }
}

/**
 * The providers' discovered configurations, fetched on first use (a provider that is down at
 * start-up does not stop the server) and kept; a failed discovery is retried next time.
 */
export class OidcClients {
  private readonly configurations = new Map<string, Promise<client.Configuration>>()

  constructor(
    private readonly config: Pick<Config, 'oidcProviders' | 'publicOrigins' | 'port'>,
    private readonly log: Logger,
  ) {}

  /** The configured provider with this id, or undefined. */
  provider(id: string): OidcProviderConfig | undefined {
    return this.config.oidcProviders.find((p) => p.id === id)
  }

  private configuration(provider: OidcProviderConfig): Promise<client.Configuration> {
    let found = this.configurations.get(provider.id)
    if (!found) {
      // Plain http only for a loopback issuer (tests, a provider beside the server); config.ts refuses any other.
      const options = isLoopbackIssuer(provider.issuer) ? { execute: [client.allowInsecureRequests] } : undefined
      found = client.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, options)
      this.configurations.set(provider.id, found)
      found.catch((error: unknown) => {
        this.configurations.delete(provider.id)
        this.log.warn({ event: 'oidc.discovery_failed', providerId: provider.id, err: error }, 'OpenID discovery failed')
      })
    }
    return found
  }

  /** Starts a sign-in: the provider's authorization URL and the flow to keep in the cookie. */
  async start(provider: OidcProviderConfig, returnTo: string, now: number): Promise<{ url: URL; flow: OidcFlow }> {
    const configuration = await this.configuration(provider)
    const flow: OidcFlow = {
      providerId: provider.id,
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo,
      expiresAt: now + OIDC_FLOW_TTL_MS,
    }
    const parameters: Record<string, string> = {
      redirect_uri: callbackUrl(this.config, provider.id),
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    }
    if (provider.hostedDomain) parameters.hd = provider.hostedDomain
    return { url: client.buildAuthorizationUrl(configuration, parameters), flow }
  }

  /**
   * Finishes a sign-in: exchanges the code (with the PKCE verifier) and validates the ID token
   * (signature, issuer, audience, expiry, nonce) and the state. Throws on anything wrong.
   */
  async finish(provider: OidcProviderConfig, flow: OidcFlow, search: string): Promise<OidcClaims> {
    const configuration = await this.configuration(provider)
    // The URL the provider redirected to, rebuilt on the public origin (a proxy may have changed the request's).
    const current = new URL(callbackUrl(this.config, provider.id))
    current.search = search
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
    const idToken = tokens.claims()
    if (!idToken) throw new Error('the token response had no ID token')
    // A conforming provider may keep profile and email claims out of the ID token of the code
    // flow: then they come from the UserInfo endpoint (checked to be about the same subject).
    let claims: Record<string, unknown> & { iss: string; sub: string } = idToken
    if (typeof idToken.email !== 'string' && configuration.serverMetadata().userinfo_endpoint) {
      const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
      claims = { ...userInfo, ...idToken }
    }
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null)
    const name = text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || null)
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: text(claims.email)?.toLowerCase() ?? null,
      emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : null,
      name,
      hostedDomain: text(claims.hd)?.toLowerCase() ?? null,
    }
  }
}

/**
 * Whether an email claim from this provider may be linked to an existing local account with
 * that email: only for a provider configured `trustEmail`, never when it says the email is
 * unverified, and for Google (`hostedDomain`) only a verified email in that Workspace domain.
 */
export function emailIsTrusted(provider: OidcProviderConfig, claims: OidcClaims): boolean {
  if (!provider.trustEmail || claims.email === null || claims.emailVerified === false) return false
  if (provider.hostedDomain) return claims.emailVerified === true && claims.hostedDomain === provider.hostedDomain
  return true
}
