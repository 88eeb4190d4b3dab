import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'

/** Asks before removing an item of the plan, saying what else is affected. */
export function ConfirmRemoveDialog({
  open,
  title,
  children,
  onConfirm,
  onCancel,
}: {
  open: boolean
  title: string
  children?: ReactNode
  onConfirm: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation('steps')
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button variant="danger" onClick={onConfirm}>
            {t('common.remove')}
          </Button>
        </>
      }
    >
      {children}
      <p className="remove-undo-note">{t('common.removeNote')}</p>
    </Dialog>
  )
}
