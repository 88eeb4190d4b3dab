import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { newId, originOf, withheldMarkOf, type AgreementTarget, type Partner } from '@hononga/shared'
import { ApiError, commands } from '../api/client'
import { usePlanItems, type PlanItems } from '../agreement/PlanItemsContext'
import { whenSaved } from '../sync/outbox'
import { useDocValue } from '../sync/useDocValue'
import { Notice } from '../ui/Notice'
import './withheld.css'

/**
 * On each item (beside its agreement): "Withheld by Ngāti Awa" for every member when a partner
 * withholds it, and for the speakers of the partner that may mark it (the contributing partner,
 * or any partner when the server recorded no contributor) the toggle "Needs our approval
 * before it leaves the plan". The server checks the same rules; this only offers what it allows.
 */
export function WithheldControl({ target, describedBy }: { target: AgreementTarget; describedBy: string }) {
  const items = usePlanItems()
  return items ? <Control items={items} target={target} describedBy={describedBy} /> : null
}

function Control({ items, target, describedBy }: { items: PlanItems; target: AgreementTarget; describedBy: string }) {
  const { t } = useTranslation('withheld')
  const { t: tc } = useTranslation('common')
  const state = useDocValue(items.session.doc, (doc) => ({
    mark: withheldMarkOf(doc, target),
    contributor: originOf(doc, target.kind === 'monitoring' ? 'action' : target.kind, target.id)?.partner ?? null,
  }))
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const hintId = useId()
  const { mark, contributor } = state
  const myPartner = items.myPartner
  const label = (partner: Pick<Partner, 'affiliation' | 'organisation'>) =>
    partner.organisation ?? tc(`affiliations.${partner.affiliation}`)
  const mayToggle = myPartner !== null && (mark ? mark.partner === myPartner.key : contributor === null || contributor === myPartner.key)

  async function toggle(withhold: boolean) {
    if (!myPartner) return
    setBusy(true)
    setProblem(null)
    try {
      await whenSaved(items.session)
      if (withhold) await commands.putWithheld(items.planId, target, newId())
      else await commands.withdrawWithheld(items.planId, target, newId())
      setAnnouncement(withhold ? t('marked', { partner: label(myPartner) }) : t('unmarked'))
    } catch (error) {
      setProblem(error instanceof ApiError ? t('failed', { message: error.message }) : tc('status.networkError'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="withheld-control">
      {mark && (
        <p className="withheld-badge" data-withheld-by={mark.partner}>
          {t('badge', { partner: label(mark) })}
        </p>
      )}
      {mayToggle && (
        <div className="withheld-toggle">
          <input
            id={`${hintId}-toggle`}
            type="checkbox"
            role="switch"
            checked={mark !== null}
            disabled={busy}
            aria-describedby={`${describedBy} ${hintId}`}
            onChange={(event) => void toggle(event.target.checked)}
          />
          <label htmlFor={`${hintId}-toggle`}>{t('toggle')}</label>
          <p id={hintId} className="withheld-hint">
            {t('toggleHint', { partner: label(myPartner) })}
          </p>
        </div>
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  )
}
