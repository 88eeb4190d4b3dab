import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RestoreRecord } from '@hononga/shared'
import type { PlanSession } from '../sync/planSession'

/**
 * Says who restored which snapshot, when a restore arrives while the plan is open (the
 * session has already cleared this person's undo history: an undo now cannot bring back
 * restored-over text). The hui's announcement reads the same record.
 */
export function RestoreNotice({ session }: { session: PlanSession }) {
  const { t } = useTranslation('workspace')
  const [restore, setRestore] = useState<RestoreRecord | null>(null)
  useEffect(() => {
    setRestore(null)
    return session.onRestore(({ record, announce }) => {
      if (announce) setRestore(record)
    })
  }, [session])
  if (!restore) return null
  return (
    <div className="notice notice-info restore-notice" role="status" data-restore-id={restore.id}>
      <p>
        <strong>{t('restored.notice', { name: restore.byName, label: restore.label })}</strong> {t('restored.undoCleared')}
      </p>
      <button type="button" className="btn btn-small" onClick={() => setRestore(null)}>
        {t('restored.dismiss')}
      </button>
    </div>
  )
}
