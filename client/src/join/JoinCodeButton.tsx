import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { JoinCodePanel } from './JoinCodePanel'
import './join.css'

/**
 * "Show join code" (facilitators, while a hui runs): a dialog with the QR code, the short code
 * and the people asking to join. The code exists while the dialog is open: closing it stops the code.
 */
export function JoinCodeButton({ planId, disabled }: { planId: string; disabled?: boolean }) {
  const { t } = useTranslation('hui')
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button disabled={disabled} onClick={() => setOpen(true)}>
        {t('joinCode.button')}
      </Button>
      <Dialog open={open} title={t('joinCode.title')} onClose={() => setOpen(false)}>
        {open && <JoinCodePanel planId={planId} />}
      </Dialog>
    </>
  )
}
