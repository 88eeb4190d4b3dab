import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Me } from '@hononga/shared'
import { api, ApiError } from '../api/client'

export interface Session {
  /** undefined while the first check runs; null when signed out. */
  me: Me | null | undefined
  signIn(email: string, password: string): Promise<Me>
  signUp(email: string, name: string, password: string): Promise<Me>
  signOut(): Promise<void>
  /** Re-asks the server who is signed in (after a 401, say). */
  refresh(): Promise<void>
}

const SessionContext = createContext<Session | null>(null)

/** Who is signed in, from the server's session cookie (HttpOnly: the page never sees it). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined)

  const refresh = useCallback(async () => {
    try {
      setMe(await api.me())
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null)
      else setMe((current) => (current === undefined ? null : current))
    }
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const session = useMemo<Session>(
    () => ({
      me,
      refresh,
      signIn: async (email, password) => {
        const signedIn = await api.login({ email, password })
        setMe(signedIn)
        return signedIn
      },
      signUp: async (email, name, password) => {
        const signedUp = await api.register({ email, name, password })
        setMe(signedUp)
        return signedUp
      },
      signOut: async () => {
        await api.logout()
        setMe(null)
      },
    }),
    [me, refresh],
  )

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionProvider')
  return session
}
