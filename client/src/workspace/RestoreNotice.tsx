import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'wouter'
import type { PlanDiff, RestoreRecord } from '@hononga/shared'
import { api, ApiError, NetworkError } from '../api/client'
import { PlanDiffView } from '../history/PlanDiffView'
import { DateTime } from '../i18n/dates'
import type { PlanSession } from '../sync/planSession'
import { Dialog } from '../ui/Dialog'
import { Notice } from '../ui/Notice'

/**
 * Tells everyone who has the plan open when a restore arrives: who restored which snapshot,
 * and when, with a way to compare the plan just before the restore (the snapshot the server
 * kept then) with the version restored, in the history's diff view. The session has already
 * cleared this person's undo history: an undo now cannot bring back restored-over text. The
 * hui's announcement reads the same record.
 */
export function RestoreNotice({ session, planId }: { session: PlanSession; planId?: string }) {
  const { t } = useTranslation('workspace')
  // Inside the workspace's route the plan is in the address; a caller may also name it.
  const params = useParams<{ planId?: string }>()
  const plan = planId ?? params.planId
  const [restore, setRestore] = useState<RestoreRecord | null>(null)
  const [comparing, setComparing] = useState(false)
  useEffect(() => {
    setRestore(null)
    return session.onRestore(({ record, announce }) => {
      if (announce) {
        setRestore(record)
        setComparing(false)
      }
    })
  }, [session])
  if (!restore) return null
  return (
    <div className="notice notice-info restore-notice" role="status" data-restore-id={restore.id}>
      <p>
        <strong>{t('restored.notice', { name: restore.byName, label: restore.label })}</strong>{' '}
        <span className="restore-when">
          (<DateTime iso={new Date(restore.at).toISOString()} />)
        </span>{' '}
        {t('restored.undoCleared')}
      </p>
      <p className="restore-notice-actions">
        {plan && (
          <>
            <button type="button" className="btn btn-small" onClick={() => setComparing(true)}>
              {t('restored.compare')}
            </button>{' '}
          </>
        )}
        <button type="button" className="btn btn-small" onClick={() => setRestore(null)}>
          {t('restored.dismiss')}
        </button>
      </p>
      <Dialog open={comparing} title={t('restored.compareTitle')} onClose={() => setComparing(false)}>
        {comparing && plan && <RestoreDiff planId={plan} restore={restore} />}
      </Dialog>
    </div>
  )
}

type DiffLoad = { kind: 'loading' } | { kind: 'ready'; diff: PlanDiff } | { kind: 'error'; message: string }

/** The plan just before the restore against the snapshot restored, as the server works it out. */
function RestoreDiff({ planId, restore }: { planId: string; restore: RestoreRecord }) {
  const { t } = useTranslation('workspace')
  const { t: tc } = useTranslation('common')
  const [load, setLoad] = useState<DiffLoad>({ kind: 'loading' })
  useEffect(() => {
    let stale = false
    setLoad({ kind: 'loading' })
    api.diff(planId, restore.beforeSnapshotId, restore.snapshotId).then(
      (diff) => !stale && setLoad({ kind: 'ready', diff }),
      (error: unknown) => {
        if (stale) return
        const message =
          error instanceof NetworkError
            ? tc('status.networkError')
            : t('restored.compareFailed', { message: error instanceof ApiError ? error.message : String(error) })
        setLoad({ kind: 'error', message })
      },
    )
    return () => {
      stale = true
    }
  }, [planId, restore.beforeSnapshotId, restore.snapshotId, t, tc])
  if (load.kind === 'loading') return <p role="status">{t('restored.compareLoading')}</p>
  if (load.kind === 'error') return <Notice kind="error">{load.message}</Notice>
  return <PlanDiffView diff={load.diff} />
}
