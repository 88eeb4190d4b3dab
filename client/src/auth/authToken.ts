/**
 * The token of a reset or verification link: `#token=...` (kept out of server logs and the
 * Referer header), or `?token=...`. Read once; the caller then takes it off the address bar.
 */
export function tokenFromLocation(location: Pick<Location, 'hash' | 'search'>): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  return fromHash || new URLSearchParams(location.search).get('token') || null
}

/** Removes the token from the address bar (and so from history), keeping the path. */
export function forgetTokenInAddress(): void {
  const url = new URL(window.location.href)
  url.hash = ''
  url.searchParams.delete('token')
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}`)
}
