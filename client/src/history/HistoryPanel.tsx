import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { canEdit, canFacilitate, fileBaseName, snapshotFile, type PlanJson, type Role, type SnapshotSummary } from '@hononga/shared'
import { api, ApiError } from '../api/client'
import { downloadText, leaveProblem } from '../exports/saveFile'
import { useDateFormat } from '../i18n/dates'
import type { PlanSession } from '../sync/planSession'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { PlanPreview } from './PlanPreview'
import { SnapshotCompare } from './SnapshotCompare'
import './history.css'

/**
 * The plan's history: snapshots saved automatically and by name, with who and when. Anyone
 * can preview one read-only; editors save a named one; facilitators restore one (after
 * confirming), which every connected person receives at once as a new change. Any member
 * downloads one as JSON through the server (recorded in the access log, with what partners
 * withheld left out and said so); offline it says a connection is needed.
 */
export function HistoryPanel({ planId, role }: { planId: string; role: Role; session: PlanSession }) {
  const { t } = useTranslation('history')
  const { t: tc } = useTranslation('common')
  const { t: te } = useTranslation('exports')
  const format = useDateFormat()
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [label, setLabel] = useState(() => t('defaultLabel', { date: format.date(Date.now()) }))
  const [preview, setPreview] = useState<{ snapshot: SnapshotSummary; plan: PlanJson } | null>(null)
  const [confirming, setConfirming] = useState<SnapshotSummary | null>(null)
  const [busy, setBusy] = useState(false)
  const headingId = useId()
  const when = format.dateTime
  const previewRef = useRef<HTMLElement>(null)
  /** The button that opened the preview: focus goes back to it when the preview closes. */
  const opener = useRef<HTMLElement | null>(null)

  // A preview opens below the list, out of sight in a long history: bring it into view and
  // move focus to it, so keyboard and screen reader users land on what they asked for.
  useEffect(() => {
    const section = previewRef.current
    if (!preview || !section) return
    section.scrollIntoView({ block: 'start' })
    section.focus({ preventScroll: true })
  }, [preview])

  const load = useCallback(async () => {
    try {
      setSnapshots(await api.listSnapshots(planId))
      setError(null)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : tc('status.networkError'))
    }
  }, [planId, tc])
  useEffect(() => {
    void load()
  }, [load])

  const handleCreate = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      const created = await api.createSnapshot(planId, label.trim())
      setMessage(t('saved', { label: created.label }))
      // Saved: the field is ready for the next name, not holding this one.
      setLabel('')
      await load()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : tc('status.networkError'))
    } finally {
      setBusy(false)
    }
  }

  const handlePreview = async (snapshot: SnapshotSummary) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    try {
      setPreview({ snapshot, plan: await api.getSnapshot(planId, snapshot.id) })
    } catch (err) {
      setError(err instanceof ApiError ? err.message : tc('status.networkError'))
    }
  }

  const handleDownload = async (snapshot: SnapshotSummary) => {
    setBusy(true)
    try {
      const exported = await api.exportSnapshot(planId, snapshot.id, 'snapshot')
      const name = `${fileBaseName(`${exported.plan.meta.title} - ${snapshot.label}`)}.snapshot.json`
      downloadText(`${JSON.stringify(snapshotFile(planId, exported), null, 2)}\n`, name, 'application/json')
      setError(null)
      setMessage(t('downloaded', { label: snapshot.label }))
    } catch (err) {
      setMessage(null)
      setError(te(`leave.${leaveProblem(err)}`, { message: err instanceof Error ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }

  const handleClosePreview = () => {
    setPreview(null)
    // The preview held focus and is gone: hand focus back to the button that opened it.
    requestAnimationFrame(() => opener.current?.focus())
  }

  const handleRestore = async () => {
    if (!confirming) return
    setBusy(true)
    try {
      await api.restoreSnapshot(planId, confirming.id)
      setMessage(t('restored', { label: confirming.label }))
      setConfirming(null)
      setPreview(null)
      await load()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : tc('status.networkError'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="history">
      {error && <Notice kind="error">{error}</Notice>}
      {message && <Notice kind="success">{message}</Notice>}
      {canEdit(role) && (
        <form className="history-create" onSubmit={(event) => void handleCreate(event)}>
          <TextField
            label={t('label')}
            hint={t('labelHint')}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            required
            maxLength={200}
          />
          <Button type="submit" variant="primary" disabled={busy || label.trim() === ''}>
            {t('create')}
          </Button>
        </form>
      )}
      {snapshots && snapshots.length > 0 && <SnapshotCompare planId={planId} snapshots={snapshots} />}
      <h3 id={headingId}>{t('listTitle')}</h3>
      {snapshots === null && !error && <p role="status">{tc('status.loading')}</p>}
      {snapshots?.length === 0 && <p>{t('none')}</p>}
      {snapshots && snapshots.length > 0 && (
        <ol className="history-list" aria-labelledby={headingId}>
          {snapshots.map((snapshot) => (
            <li key={snapshot.id} className="history-item">
              <div>
                <p className="history-label">{snapshot.label}</p>
                <p className="history-meta">
                  {t(`kind.${snapshot.kind}`)} · <time dateTime={snapshot.createdAt}>{when(snapshot.createdAt)}</time>
                  {snapshot.createdBy && ` · ${snapshot.createdBy.name}`}
                </p>
              </div>
              <div className="history-actions">
                <Button
                  className="btn-small"
                  onClick={() => void handlePreview(snapshot)}
                  aria-label={t('previewOf', { label: snapshot.label })}
                >
                  {t('preview.button')}
                </Button>
                <Button
                  className="btn-small"
                  onClick={() => void handleDownload(snapshot)}
                  disabled={busy}
                  aria-label={t('downloadOf', { label: snapshot.label })}
                >
                  {t('download')}
                </Button>
                {canFacilitate(role) && (
                  <Button
                    className="btn-small"
                    onClick={() => setConfirming(snapshot)}
                    aria-label={t('restoreOf', { label: snapshot.label })}
                  >
                    {t('restore')}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {preview && (
        <section ref={previewRef} tabIndex={-1} className="history-preview" aria-label={t('previewOf', { label: preview.snapshot.label })}>
          <div className="history-preview-head">
            <p>
              <strong>{t('previewing', { label: preview.snapshot.label })}</strong> {t('readOnly')}
            </p>
            <Button className="btn-small" onClick={handleClosePreview}>
              {t('closePreview')}
            </Button>
          </div>
          <PlanPreview plan={preview.plan} />
        </section>
      )}
      <Dialog
        open={confirming !== null}
        title={t('confirmTitle')}
        onClose={() => setConfirming(null)}
        footer={
          <>
            <Button onClick={() => setConfirming(null)}>{tc('actions.cancel')}</Button>
            <Button variant="danger" onClick={() => void handleRestore()} disabled={busy}>
              {t('confirmRestore')}
            </Button>
          </>
        }
      >
        <p>{t('confirmBody', { label: confirming?.label ?? '' })}</p>
      </Dialog>
    </div>
  )
}
