import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { diffItem, type AgreedMark, type AgreementTarget, type PlanJson } from '@hononga/shared'
import { api, ApiError, NetworkError } from '../api/client'
import { FieldDiffList } from '../history/WordDiff'
import { Notice } from '../ui/Notice'
import type { PlanItemStore } from './planItemStore'

/** Snapshots never change: each is fetched once per page (a failed fetch is tried again). */
const snapshots = new Map<string, Promise<PlanJson>>()

function loadSnapshot(planId: string, snapshotId: string): Promise<PlanJson> {
  const key = `${planId}/${snapshotId}`
  let found = snapshots.get(key)
  if (!found) {
    found = api.getSnapshot(planId, snapshotId)
    found.catch(() => snapshots.delete(key))
    snapshots.set(key, found)
  }
  return found
}

/**
 * "What changed" since a facilitator marked the item agreed: the item now against the
 * snapshot the mark points to, field by field, word by word. Follows the item as people edit.
 */
export function ChangesSinceAgreed({
  id,
  planId,
  target,
  mark,
  store,
}: {
  id: string
  planId: string
  target: AgreementTarget
  mark: AgreedMark
  store: PlanItemStore
}) {
  const { t } = useTranslation('agreement')
  const { t: tc } = useTranslation('common')
  const [loaded, setLoaded] = useState<{ snapshotId: string; plan: PlanJson } | { snapshotId: string; error: string } | null>(null)
  const current = useSyncExternalStore(store.subscribe, store.currentPlan)

  useEffect(() => {
    let cancelled = false
    loadSnapshot(planId, mark.snapshotId).then(
      (plan) => !cancelled && setLoaded({ snapshotId: mark.snapshotId, plan }),
      (error: unknown) =>
        !cancelled &&
        setLoaded({
          snapshotId: mark.snapshotId,
          error:
            error instanceof NetworkError
              ? tc('status.networkError')
              : t('changes.loadFailed', { message: error instanceof ApiError ? error.message : String(error) }),
        }),
    )
    return () => {
      cancelled = true
    }
  }, [planId, mark.snapshotId, t, tc])

  const agreedPlan = loaded && loaded.snapshotId === mark.snapshotId && 'plan' in loaded ? loaded.plan : null
  const fields = useMemo(
    () => (agreedPlan ? diffItem(target.kind, agreedPlan, current, target.id) : null),
    [agreedPlan, current, target.kind, target.id],
  )

  return (
    <div id={id} className="agreement-changes">
      <p className="agreement-changes-intro">{t('changes.intro', { label: mark.label })}</p>
      {loaded === null || loaded.snapshotId !== mark.snapshotId ? (
        <p role="status">{tc('status.loading')}</p>
      ) : 'error' in loaded ? (
        <Notice kind="error">{loaded.error}</Notice>
      ) : (
        fields && <FieldDiffList fields={fields} />
      )}
    </div>
  )
}
