import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** A person the test provider knows: their subject and the claims it puts in their ID token. */
export interface TestIdpUser {
  sub: string
  email?: string
  email_verified?: boolean
  name?: string
  hd?: string
}

/** A client registered at the test provider (one per Hononga provider entry). */
export interface TestIdpClient {
  clientId: string
  clientSecret: string
  redirectUri: string
}

export interface TestIdp {
  /** The issuer (`http://127.0.0.1:<port>`), for OIDC_PROVIDERS. */
  issuer: string
  users: Map<string, TestIdpUser>
  /** The ID token lifetime in seconds; a negative one issues tokens that expired that long ago. */
  idTokenTtlSeconds: number
  close(): Promise<void>
}

/** A free loopback port (for a server whose public URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/**
 * Starts a real OpenID provider (oidc-provider 8, a certified implementation) on loopback:
 * the given clients (authorization code, PKCE required, `client_secret_post`), the given
 * users (log in on its development login page with the user's `sub` and any password, then
 * "Continue" on its consent page), and an ID token lifetime the test can change
 * (`idTokenTtlSeconds`, read at each issue).
 */
export async function startTestIdp(clients: TestIdpClient[], users: TestIdpUser[]): Promise<TestIdp> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const idp: TestIdp = {
    issuer,
    users: new Map(users.map((user) => [user.sub, user])),
    idTokenTtlSeconds: 300,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const provider = new Provider(issuer, {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [client.redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'hd'] },
    cookies: { keys: ['hononga-test-idp-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    // A regular function, as oidc-provider requires; it does not check the sign of what it returns.
    ttl: {
      IdToken: () => idp.idTokenTtlSeconds,
      AccessToken: 300,
      AuthorizationCode: 60,
      Grant: 3600,
      Interaction: 600,
      Session: 3600,
    },
    async findAccount(_ctx: unknown, id: string) {
      const user = idp.users.get(id)
      if (!user) return undefined
      return { accountId: id, claims: async () => ({ ...user }) }
    },
  })
  server.on('request', provider.callback())
  return idp
}
