import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Me } from '@hononga/shared'
import { api, ApiError, NetworkError } from '../api/client'
import { i18n } from '../i18n'
import { clearLocalCopies } from '../sync/localCopies'

export interface Session {
  /** undefined while the first check runs; null when signed out. */
  me: Me | null | undefined
  /** True when `me` comes from this device because the server could not be reached. */
  offline: boolean
  signIn(email: string, password: string): Promise<Me>
  signUp(email: string, name: string, password: string): Promise<Me>
  /** Signs out and removes this person's plans from this device. */
  signOut(): Promise<void>
  /** Re-asks the server who is signed in (after a 401, say). */
  refresh(): Promise<void>
}

const SessionContext = createContext<Session | null>(null)
const ME_KEY = 'hononga:me'

/** The person last signed in on this device, if what is kept still reads as one (checked with the response schema, loaded on demand). */
async function rememberedMe(): Promise<Me | null> {
  try {
    const raw = globalThis.localStorage?.getItem(ME_KEY)
    if (!raw) return null
    const { Me: schema, parseResponse } = await import('../api/schemas')
    const kept = parseResponse(schema, JSON.parse(raw))
    return kept.ok ? kept.value : null
  } catch {
    return null
  }
}

function remember(me: Me | null): void {
  if (me) globalThis.localStorage?.setItem(ME_KEY, JSON.stringify(me))
  else globalThis.localStorage?.removeItem(ME_KEY)
}

/**
 * Who is signed in, from the server's session cookie (HttpOnly: the page never sees it).
 * With no connection, the person last signed in on this device stays signed in, so their
 * plans keep working offline; the server still checks the cookie on every request.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined)
  const [offline, setOffline] = useState(false)

  const accept = useCallback((next: Me | null) => {
    remember(next)
    setMe(next)
    setOffline(false)
  }, [])

  const refresh = useCallback(async () => {
    try {
      accept(await api.me())
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) accept(null)
      else if (error instanceof NetworkError) {
        setMe(await rememberedMe())
        setOffline(true)
      } else setMe((current) => (current === undefined ? null : current))
    }
  }, [accept])

  useEffect(() => {
    void refresh()
    const onOnline = () => void refresh()
    window.addEventListener('online', onOnline)
    return () => window.removeEventListener('online', onOnline)
  }, [refresh])

  const session = useMemo<Session>(
    () => ({
      me,
      offline,
      refresh,
      signIn: async (email, password) => {
        const signedIn = await api.login({ email, password })
        accept(signedIn)
        return signedIn
      },
      signUp: async (email, name, password) => {
        // The language chosen in the browser becomes the account's, for its email (issue 14).
        const language = i18n.language.startsWith('mi') ? 'mi' : 'en'
        const signedUp = await api.register({ email, name, password, language })
        accept(signedUp)
        return signedUp
      },
      signOut: async () => {
        const leaving = me
        await api.logout()
        if (leaving) await clearLocalCopies(leaving.id)
        accept(null)
      },
    }),
    [me, offline, refresh, accept],
  )

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionProvider')
  return session
}
