import type { ReactNode } from 'react'
import { Redirect, useLocation, useSearch } from 'wouter'
import { useSession } from '../session/SessionContext'

/** Renders children for a signed-in person; sends anyone else to sign in and back here after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { me } = useSession()
  const [location] = useLocation()
  const search = useSearch()
  if (me === undefined) return null
  if (me === null) {
    const next = location + (search ? `?${search}` : '')
    return <Redirect to={`/sign-in?next=${encodeURIComponent(next)}`} replace />
  }
  return <>{children}</>
}

/** Where to go after signing in: the `next` parameter if it is a path on this site. */
export function nextPath(search: string, fallback = '/plans'): string {
  const next = new URLSearchParams(search).get('next')
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback
}
