import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearch } from 'wouter'
import { OIDC_SIGN_IN_ERRORS, type OidcProviderList, type OidcSignInError } from '@hononga/shared'
import { api } from '../api/client'
import { nextPath } from '../app/RequireSession'
import { T } from '../i18n/T'
import { Notice } from '../ui/Notice'

/** The start of an organisation sign-in: the server sends the browser on to the provider. */
export function oidcStartPath(providerId: string, returnTo: string): string {
  return `/api/auth/oidc/${encodeURIComponent(providerId)}/start?returnTo=${encodeURIComponent(returnTo)}`
}

/** The `?error=` an organisation sign-in came back with, if it is one the page can put in words. */
export function oidcErrorOf(search: string): OidcSignInError | null {
  const error = new URLSearchParams(search).get('error')
  return OIDC_SIGN_IN_ERRORS.find((known) => known === error) ?? null
}

/**
 * On the sign-in page: why an organisation sign-in just failed (from `?error=`), and a "Sign in
 * with {label}" link per configured provider, returning to `?next=` afterwards. Nothing when no
 * provider is configured (or the list cannot be fetched: password sign-in still works).
 */
export function OrganisationSignIn() {
  const { t } = useTranslation('auth')
  const search = useSearch()
  const [providers, setProviders] = useState<OidcProviderList>([])
  const error = oidcErrorOf(search)

  useEffect(() => {
    let live = true
    api.oidcProviders().then(
      (list) => live && setProviders(list),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])

  return (
    <>
      {error && (
        <Notice kind="error">
          <T k={`auth:oidc.errors.${error}`} />
        </Notice>
      )}
      {providers.length > 0 && (
        <nav className="auth-oidc" aria-labelledby="auth-oidc-heading">
          <h2 id="auth-oidc-heading">
            <T k="auth:oidc.heading" />
          </h2>
          {providers.map((provider) => (
            <p key={provider.id}>
              <a className="btn btn-secondary" href={oidcStartPath(provider.id, nextPath(search))}>
                {t('oidc.button', { label: provider.label })}
              </a>
            </p>
          ))}
          <p>
            <T k="auth:oidc.or" />
          </p>
        </nav>
      )}
    </>
  )
}
