/**
 * A browser as far as a sign-in through an OpenID provider needs one: a cookie jar per host
 * (paths ignored, names kept distinct), redirects followed by hand, and the provider's
 * development login and consent forms filled in from their HTML.
 */
export class OidcBrowser {
  private readonly jar = new Map<string, Map<string, string>>()

  private cookieHeader(url: URL): string | undefined {
    const cookies = this.jar.get(url.host)
    if (!cookies || cookies.size === 0) return undefined
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  private keep(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const cookies = this.jar.get(url.host) ?? new Map<string, string>()
      this.jar.set(url.host, cookies)
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()),
      )
      if (expired || value === '') cookies.delete(name)
      else cookies.set(name, value)
    }
  }

  /** The value of a cookie this browser holds for `host`. */
  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name)
  }

  /** Sets a cookie by hand (what an attacker's page could not do; for tampering tests). */
  setCookie(host: string, name: string, value: string): void {
    const cookies = this.jar.get(host) ?? new Map<string, string>()
    this.jar.set(host, cookies)
    cookies.set(name, value)
  }

  /** One request, no redirect followed. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url)
    const headers: Record<string, string> = {}
    const cookie = this.cookieHeader(target)
    if (cookie) headers.cookie = cookie
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded'
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    })
    this.keep(target, response)
    return response
  }

  /**
   * Goes to `url` and through the provider: follows redirects, logs in as `login` on the
   * login form, continues on the consent form; stops (without requesting it) at the first URL
   * that starts with `stopAt`, and returns it. At most 20 steps.
   */
  async throughProvider(url: string, login: string, stopAt: string): Promise<string> {
    let next = url
    for (let step = 0; step < 20; step++) {
      if (next.startsWith(stopAt)) return next
      const response = await this.request(next)
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        next = new URL(location, next).href
        continue
      }
      const html = await response.text()
      const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html)
      if (response.status !== 200 || !form) throw new Error(`unexpected page at ${next}: ${response.status} ${html.slice(0, 300)}`)
      const fields: Record<string, string> = {}
      for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
        fields[input[1]!] = input[2]!
      if (/name="login"/.test(form[2]!)) Object.assign(fields, { login, password: 'any password' })
      const submitted = await this.request(new URL(form[1]!, next).href, { form: fields })
      const after = submitted.headers.get('location')
      if (!after) throw new Error(`the form at ${next} did not redirect: ${submitted.status} ${await submitted.text()}`)
      next = new URL(after, next).href
    }
    throw new Error('more than 20 steps through the provider')
  }
}
