import type { Affiliation, Role } from '@hononga/shared'

export interface ApiResponse<T = unknown> {
  status: number
  body: T
  headers: Headers
}

let userCounter = 0

/** A signed-in person talking to the real HTTP API, as a browser would (cookie + Origin). */
export class ApiClient {
  cookie: string | undefined
  user: { id: string; email: string; name: string } | undefined

  constructor(readonly baseUrl: string) {}

  /** The same person (same session cookie) talking to a server at another address, e.g. after a restart. */
  at(baseUrl: string): ApiClient {
    const moved = new ApiClient(baseUrl)
    moved.cookie = this.cookie
    moved.user = this.user
    return moved
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        origin: this.baseUrl,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) this.cookie = setCookie.split(';')[0]
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed as T, headers: response.headers }
  }

  /** Registers a fresh account (unique email) and keeps its session cookie. */
  async register(name = 'Aroha Ngata'): Promise<this> {
    userCounter++
    const email = `person${userCounter}.${process.pid}.${Date.now()}@example.nz`
    const response = await this.request<{ id: string; email: string; name: string }>('POST', '/api/auth/register', {
      email,
      name,
      password: 'correct horse battery staple',
    })
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`)
    this.user = response.body
    return this
  }

  async createPlan(title = 'Whakatāne community plan', community = 'Whakatāne'): Promise<string> {
    const response = await this.request<{ id: string }>('POST', '/api/plans', { title, community, district: 'Bay of Plenty' })
    if (response.status !== 201) throw new Error(`create plan failed: ${response.status} ${JSON.stringify(response.body)}`)
    return response.body.id
  }

  async ticket(planId: string): Promise<string> {
    const response = await this.request<{ ticket: string }>('POST', `/api/plans/${planId}/ws-ticket`)
    if (response.status !== 200) throw new Error(`ticket failed: ${response.status} ${JSON.stringify(response.body)}`)
    return response.body.ticket
  }

  /** Invites someone (as this facilitator) and has `other` accept. */
  async invite(planId: string, other: ApiClient, role: Role, affiliation: Affiliation = 'iwi', organisation = 'Ngāti Awa'): Promise<void> {
    const invite = await this.request<{ code: string }>('POST', `/api/plans/${planId}/invites`, { role, affiliation, organisation })
    if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`)
    const accepted = await other.request('POST', `/api/invites/${invite.body.code}/accept`)
    if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`)
  }
}

/** A facilitator with a fresh plan. */
export async function facilitatorWithPlan(baseUrl: string): Promise<{ api: ApiClient; planId: string }> {
  const api = await new ApiClient(baseUrl).register('Mere Facilitator')
  const planId = await api.createPlan()
  return { api, planId }
}
