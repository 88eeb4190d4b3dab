import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { Role } from '@hononga/shared'
import { Dialog } from '../ui/Dialog'
import { PlanDistrictPanel } from './PlanDistrictPanel'
import './district.css'

/**
 * "District" in the workspace's secondary tools: a button and the dialog holding
 * {@link PlanDistrictPanel}, where the plan is shared with its district group, each partner
 * consents or withdraws, and items are raised with the district. Every member sees it.
 */
export function PlanDistrictButton({ planId, role, doc }: { planId: string; role: Role; doc: Y.Doc }) {
  const { t } = useTranslation('district')
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {t('dialog.open')}
      </button>
      <Dialog open={open} title={t('dialog.title')} onClose={() => setOpen(false)}>
        {open && <PlanDistrictPanel planId={planId} role={role} doc={doc} />}
      </Dialog>
    </>
  )
}
