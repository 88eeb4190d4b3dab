import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import type { DistrictList } from '@hononga/shared'
import { api } from '../api/client'

/** The district groups I am in, as asked of the server: loading, the answer, or why it failed. */
export type DistrictListState = { kind: 'loading' } | { kind: 'ready'; list: DistrictList } | { kind: 'error'; error: unknown }

/**
 * The district groups I am in (and whether I am an administrator), asked once per person
 * signed in (`userId` null: nobody is, nothing is asked).
 */
export function useDistrictList(userId: string | null): DistrictListState {
  const [state, setState] = useState<{ userId: string; state: DistrictListState } | null>(null)
  useEffect(() => {
    if (userId === null) return
    let stale = false
    api.districts().then(
      (list) => !stale && setState({ userId, state: { kind: 'ready', list } }),
      (error: unknown) => !stale && setState({ userId, state: { kind: 'error', error } }),
    )
    return () => {
      stale = true
    }
  }, [userId])
  return state && state.userId === userId ? state.state : { kind: 'loading' }
}

/**
 * "District" in the main navigation, only for a person in a district group or an
 * administrator: everyone else never sees that district views exist.
 */
export function DistrictNavLink({ userId }: { userId: string | null }) {
  const { t } = useTranslation('district')
  const state = useDistrictList(userId)
  // Not known, or no group and not an administrator: no link (it only helps those in a group).
  if (state.kind !== 'ready' || (!state.list.admin && state.list.groups.length === 0)) return null
  return <Link href="/districts">{t('nav')}</Link>
}
