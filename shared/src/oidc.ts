import { z } from 'zod'
import { z as mini } from 'zod/mini'

/**
 * Organisation sign-in (OpenID Connect, issue 14): the providers the sign-in page offers, the
 * error words the callback sends back to it, and the SSO domain rules administrators set.
 */

/** GET /api/auth/oidc/providers: one button per configured provider. */
export const OidcProviderList = mini.array(mini.object({ id: mini.string(), label: mini.string() }))
export type OidcProviderList = mini.infer<typeof OidcProviderList>

/**
 * What `/sign-in?error=` can say after an organisation sign-in: it failed (state, code or ID
 * token refused); the email already has an account this provider may not link to; the email's
 * domain must use another provider; the provider gave no email, or one it says is unverified.
 */
export const OIDC_SIGN_IN_ERRORS = ['oidc_failed', 'oidc_email_taken', 'oidc_wrong_provider', 'oidc_no_email'] as const
export type OidcSignInError = (typeof OIDC_SIGN_IN_ERRORS)[number]

/** An email domain, lower-cased: what follows the '@'. */
export const EmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'Enter a domain such as police.govt.nz',
  )

/** PUT /api/admin/sso-domains/:domain: the provider its people must sign in through. */
export const SsoDomainBody = z.object({ providerId: z.string().min(1).max(32) })
export type SsoDomainBody = z.infer<typeof SsoDomainBody>

/** One SSO domain rule, as the admin routes answer it. */
export const SsoDomainEntry = mini.object({ domain: mini.string(), providerId: mini.string(), createdAt: mini.number() })
export type SsoDomainEntry = mini.infer<typeof SsoDomainEntry>

/** GET /api/admin/sso-domains. */
export const SsoDomainList = mini.object({ domains: mini.array(SsoDomainEntry) })
export type SsoDomainList = mini.infer<typeof SsoDomainList>
