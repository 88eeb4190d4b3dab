import { useState, type ReactNode } from 'react'
import { T } from '../i18n/T'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { Notice } from '../ui/Notice'
import { peopleErrorMessage } from './peopleErrors'

/**
 * Asks before a step that cannot be undone (remove, revoke, leave). A failure is shown in
 * the dialog, which stays open so the person can try again or cancel.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  open: boolean
  title: ReactNode
  children: ReactNode
  confirmLabel: ReactNode
  onConfirm: () => Promise<void>
  onClose: () => void
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <ConfirmBody confirmLabel={confirmLabel} onConfirm={onConfirm} onClose={onClose}>
        {children}
      </ConfirmBody>
    </Dialog>
  )
}

/** Mounted only while the dialog is open: each opening starts without an old error. */
function ConfirmBody({
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  children: ReactNode
  confirmLabel: ReactNode
  onConfirm: () => Promise<void>
  onClose: () => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  async function handleConfirm() {
    setBusy(true)
    setError(null)
    try {
      await onConfirm()
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  const message = error === null ? null : peopleErrorMessage(error)
  return (
    <>
      {message && (
        <Notice kind="error">
          <T k={message.key} values={message.values} />
        </Notice>
      )}
      {children}
      <div className="form-actions">
        <Button onClick={onClose}>
          <T k="common:actions.cancel" />
        </Button>
        <Button variant="danger" onClick={() => void handleConfirm()} disabled={busy}>
          {confirmLabel}
        </Button>
      </div>
    </>
  )
}
