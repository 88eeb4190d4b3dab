import { useId, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { agreedStateOf, recordPosition, summariseAgreement, type AgreementPosition, type AgreementTarget } from '@hononga/shared'
import { api, ApiError, NetworkError } from '../api/client'
import { Button } from '../ui/Button'
import { DisclosureButton } from '../ui/DisclosureButton'
import { Notice } from '../ui/Notice'
import { AgreementGlance, usePartnerName } from './AgreementGlance'
import { ChangesSinceAgreed } from './ChangesSinceAgreed'
import { currentPositionCount } from './glance'
import { PositionForm } from './PositionForm'
import { PositionList } from './PositionList'
import { usePlanItems, type PlanItems } from './PlanItemsContext'

/**
 * Agreement on one item of the plan (a focus area, a condition for success, a priority
 * action, or an action's monitoring): where it stands at a glance, each partner's position,
 * recording my partner's position (members who may edit), and marking it agreed at the hui
 * (facilitators). Shows nothing outside a workspace.
 */
export function AgreementPanel({
  target,
  title,
  describedBy,
}: {
  target: AgreementTarget
  /** The item's title as shown (for the form's legend and the panel's name). */
  title: string
  /** The id of the item's heading: every button here is described by it. */
  describedBy: string
}) {
  const items = usePlanItems()
  return items ? <Panel items={items} target={target} title={title} describedBy={describedBy} /> : null
}

function Panel({ items, target, title, describedBy }: { items: PlanItems; target: AgreementTarget; title: string; describedBy: string }) {
  const { t } = useTranslation('agreement')
  const { t: tc } = useTranslation('common')
  const { store, partners, myPartner, session, me, planId } = items
  const agreement = useSyncExternalStore(store.subscribe, () => store.agreementOf(target))
  const summary = useMemo(() => summariseAgreement(partners, agreement.records, agreement.fingerprint), [partners, agreement])
  const { mark, changedSinceAgreed } = agreedStateOf(agreement.mark, agreement.fingerprint)
  const partnerName = usePartnerName()
  const myName = myPartner ? partnerName(myPartner) : ''

  const [showPositions, setShowPositions] = useState(false)
  const [recording, setRecording] = useState(false)
  const [showChanges, setShowChanges] = useState(false)
  const [marking, setMarking] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const recordButton = useRef<HTMLButtonElement>(null)
  const positionsButton = useRef<HTMLButtonElement>(null)
  const base = useId()

  const canRecord = items.canEdit && myPartner !== null
  const canMark = items.isFacilitator && summary.state === 'agreed' && (mark === null || changedSinceAgreed)
  const mine = myPartner ? agreement.records.get(myPartner.key) : undefined
  const initial = mine && mine.fingerprint === agreement.fingerprint ? { position: mine.position, comment: mine.comment } : null

  function closeForm() {
    setRecording(false)
    // The form held focus: hand it back to the button that opened it.
    requestAnimationFrame(() => recordButton.current?.focus())
  }

  function handleSave(position: AgreementPosition, comment: string) {
    if (!myPartner) return
    // The position is on the version of the item as it is this moment, not as last read.
    store.flush()
    const fingerprint = store.agreementOf(target).fingerprint
    if (fingerprint === null) {
      setProblem(t('record.gone'))
      return
    }
    try {
      recordPosition(session.doc, target, myPartner.key, { position, comment, userId: me.id, userName: me.name, fingerprint })
    } catch (error) {
      setProblem(t('record.failed', { message: error instanceof Error ? error.message : String(error) }))
      return
    }
    store.flush()
    setProblem(null)
    setAnnouncement(t('record.saved', { partner: myName, position: t(`positions.${position}`) }))
    closeForm()
  }

  async function handleMark() {
    setMarking(true)
    setProblem(null)
    setAnnouncement(t('mark.marking'))
    try {
      await api.markAgreed(planId, target)
      setAnnouncement(t('mark.marked'))
      // The button goes once the mark arrives: keep focus in the panel, on a button that stays.
      positionsButton.current?.focus()
    } catch (error) {
      setAnnouncement('')
      setProblem(
        error instanceof NetworkError
          ? tc('status.networkError')
          : error instanceof ApiError && (error.code === 'not_agreed' || error.code === 'forbidden')
            ? t(`mark.${error.code}`)
            : t('mark.failed', { message: error instanceof Error ? error.message : String(error) }),
      )
    } finally {
      setMarking(false)
    }
  }

  return (
    <div className="agreement" role="group" aria-label={t('panel.label', { title })}>
      <AgreementGlance summary={summary} mark={mark} changed={changedSinceAgreed} />
      <div className="agreement-buttons">
        <DisclosureButton
          ref={positionsButton}
          expanded={showPositions}
          controls={`${base}-positions`}
          aria-describedby={describedBy}
          onClick={() => setShowPositions((open) => !open)}
        >
          {t('positionsButton', { count: currentPositionCount(summary), total: partners.length })}
        </DisclosureButton>
        {canRecord && (
          <DisclosureButton
            ref={recordButton}
            expanded={recording}
            controls={`${base}-form`}
            aria-describedby={describedBy}
            onClick={() => (recording ? closeForm() : setRecording(true))}
          >
            {t('record.button', { partner: myName })}
          </DisclosureButton>
        )}
        {changedSinceAgreed && mark && (
          <DisclosureButton expanded={showChanges} controls={`${base}-changes`} aria-describedby={describedBy} onClick={() => setShowChanges((open) => !open)}>
            {t('changes.button')}
          </DisclosureButton>
        )}
        {canMark && (
          <Button variant="primary" className="btn-small" aria-describedby={describedBy} disabled={marking} onClick={() => void handleMark()}>
            {t('mark.button')}
          </Button>
        )}
      </div>
      {problem && <Notice kind="error">{problem}</Notice>}
      {showPositions && <PositionList id={`${base}-positions`} summary={summary} />}
      {recording && canRecord && (
        <PositionForm id={`${base}-form`} partner={myName} title={title} initial={initial} onSave={handleSave} onCancel={closeForm} />
      )}
      {showChanges && changedSinceAgreed && mark && <ChangesSinceAgreed id={`${base}-changes`} planId={planId} target={target} mark={mark} store={store} />}
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
    </div>
  )
}
