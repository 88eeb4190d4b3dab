import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PlanPreview } from '../history/PlanPreview'
import { useDateFormat } from '../i18n/dates'
import { deleteNotSavedCopy, listNotSavedCopies, onNotSavedCopiesChanged, type NotSavedCopy } from '../sync/notSavedCopies'
import { Dialog } from '../ui/Dialog'
import { closeCodeMessage } from './SyncStatus'

/** This person's "not saved" copies of one plan, newest first, kept up to date. */
export function useNotSavedCopies(userId: string, planId: string): NotSavedCopy[] {
  const [copies, setCopies] = useState<NotSavedCopy[]>([])
  useEffect(() => {
    let current = true
    const load = () =>
      void listNotSavedCopies(userId, planId).then((found) => {
        if (current) setCopies(found)
      })
    load()
    const unsubscribe = onNotSavedCopiesChanged(load)
    return () => {
      current = false
      unsubscribe()
    }
  }, [userId, planId])
  return copies
}

/** Says that changes could not be saved and that the person's copy is kept, with the way to it. */
export function NotSavedBanner({ onOpen, onDismiss }: { onOpen: () => void; onDismiss: () => void }) {
  const { t } = useTranslation('workspace')
  return (
    <div className="notice notice-warning not-saved-banner" role="alert">
      <p>{t('notSaved.banner')}</p>
      <div className="not-saved-buttons">
        <button type="button" className="btn btn-primary" onClick={onOpen}>
          {t('notSaved.open')}
        </button>
        <button type="button" className="btn" onClick={onDismiss}>
          {t('notSaved.dismiss')}
        </button>
      </div>
    </div>
  )
}

/**
 * The person's "not saved" copies of this plan, each opened read-only (the same rendering as
 * a snapshot preview) so they can select and copy their words back into the plan.
 */
export function NotSavedCopiesDialog({
  copies,
  open,
  initialId,
  onClose,
}: {
  copies: NotSavedCopy[]
  open: boolean
  /** The copy to show first (the one just kept); the newest otherwise. */
  initialId: string | null
  onClose: () => void
}) {
  const { t } = useTranslation('workspace')
  const [shownId, setShownId] = useState<string | null>(initialId)
  useEffect(() => {
    if (open) setShownId(initialId)
  }, [open, initialId])
  const when = useDateFormat().dateTime
  const shown = copies.find((copy) => copy.id === shownId) ?? copies[0] ?? null
  return (
    <Dialog open={open} title={t('notSaved.title')} onClose={onClose}>
      <p>{t('notSaved.intro')}</p>
      {copies.length === 0 && <p>{t('notSaved.none')}</p>}
      {copies.length > 1 && (
        <ul className="not-saved-list">
          {copies.map((copy) => (
            <li key={copy.id}>
              <button type="button" className="btn btn-small" aria-pressed={copy.id === shown?.id} onClick={() => setShownId(copy.id)}>
                {t('notSaved.keptAt', { when: when(copy.savedAt) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <section className="not-saved-copy" aria-label={t('notSaved.previewLabel', { when: when(shown.savedAt) })}>
          <p className="not-saved-meta">
            {t('notSaved.keptAt', { when: when(shown.savedAt) })} · {t('notSaved.why', { reason: closeCodeMessage(shown.code, t) })}
          </p>
          {!shown.onDevice && <p className="not-saved-meta">{t('notSaved.pageOnly')}</p>}
          <button type="button" className="btn btn-small" onClick={() => void deleteNotSavedCopy(shown.userId, shown.id)}>
            {t('notSaved.delete')}
          </button>
          <PlanPreview plan={shown.plan} emptyText={t('notSaved.empty')} monitoring />
        </section>
      )}
    </Dialog>
  )
}
