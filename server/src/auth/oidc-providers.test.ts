import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config'
import { parseOidcProviders } from './oidc-providers'
import { safeReturnTo } from './oidc'

const entra = {
  id: 'police',
  label: 'NZ Police',
  issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
  clientId: 'client',
  clientSecret: 'secret',
  trustEmail: true,
}

describe('OIDC_PROVIDERS', () => {
  it('is empty when unset, and parses providers with their defaults', () => {
    expect(parseOidcProviders(undefined)).toEqual([])
    expect(parseOidcProviders('  ')).toEqual([])
    const google = {
      id: 'google',
      label: 'Google',
      issuer: 'https://accounts.google.com',
      clientId: 'c',
      clientSecret: 's',
      hostedDomain: 'Iwi.NZ',
    }
    expect(parseOidcProviders(JSON.stringify([entra, google]))).toEqual([
      { ...entra, hostedDomain: undefined },
      { ...google, trustEmail: false, hostedDomain: 'iwi.nz' },
    ])
    expect(loadConfig({ OIDC_PROVIDERS: JSON.stringify([entra]) }).oidcProviders).toHaveLength(1)
  })

  it('allows plain http only for a loopback issuer', () => {
    expect(parseOidcProviders(JSON.stringify([{ ...entra, issuer: 'http://127.0.0.1:4000' }]))).toHaveLength(1)
    expect(parseOidcProviders(JSON.stringify([{ ...entra, issuer: 'http://localhost:4000/' }]))).toHaveLength(1)
    expect(() => parseOidcProviders(JSON.stringify([{ ...entra, issuer: 'http://idp.example.nz' }]))).toThrow(
      /OIDC_PROVIDERS\.0\.issuer: the issuer must be https/,
    )
  })

  it('refuses bad JSON, missing fields, unknown fields and duplicate ids with a readable error', () => {
    expect(() => parseOidcProviders('[{')).toThrow(/OIDC_PROVIDERS: not valid JSON/)
    expect(() => parseOidcProviders(JSON.stringify([{ ...entra, clientSecret: undefined }]))).toThrow(/OIDC_PROVIDERS\.0\.clientSecret/)
    expect(() => parseOidcProviders(JSON.stringify([{ ...entra, trustemail: true }]))).toThrow(/Invalid configuration/)
    expect(() => parseOidcProviders(JSON.stringify([entra, entra]))).toThrow(/provider ids must differ/)
    expect(() => loadConfig({ OIDC_PROVIDERS: '{}' })).toThrow(/Invalid configuration: OIDC_PROVIDERS/)
  })
})

describe('safeReturnTo', () => {
  it('keeps same-origin paths and turns anything else into /plans', () => {
    expect(safeReturnTo('/plans/abc?tab=1')).toBe('/plans/abc?tab=1')
    for (const bad of [undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'plans', '/a\nb']) {
      expect(safeReturnTo(bad)).toBe('/plans')
    }
  })
})
