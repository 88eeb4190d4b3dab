import { useId, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { agreedStateOf, summariseAgreement, type AgreementPosition, type AgreementTarget, type PositionBody } from '@hononga/shared'
import { api, ApiError, NetworkError } from '../api/client'
import { PendingNote } from '../sync/PendingNote'
import { useOutboxCommands } from '../sync/useOutbox'
import { Button } from '../ui/Button'
import { DisclosureButton } from '../ui/DisclosureButton'
import { Notice } from '../ui/Notice'
import { AgreementGlance, useCannotMarkReason, usePartnerName } from './AgreementGlance'
import { ChangesSinceAgreed } from './ChangesSinceAgreed'
import { currentPositionCount } from './glance'
import { PositionForm } from './PositionForm'
import { PositionList } from './PositionList'
import { usePlanItems, type PlanItems } from './PlanItemsContext'
import { WithheldControl } from '../withheld/WithheldControl'

/**
 * Agreement on one item of the plan (a focus area, a condition for success, a priority
 * action, or an action's monitoring): where it stands at a glance, each partner's position,
 * recording my partner's position (members who speak for their partner, viewers too), and
 * marking it agreed at the hui (facilitators). A position is a command: until the server has
 * recorded it, it shows here from the outbox as pending (or refused, with the reason), never
 * as a position in the plan. Shows nothing outside a workspace.
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
  const { store, partners, myPartner, planId, outbox } = items
  const agreement = useSyncExternalStore(store.subscribe, () => store.agreementOf(target))
  const summary = useMemo(() => summariseAgreement(partners, agreement.records, agreement.fingerprint), [partners, agreement])
  const { mark, changedSinceAgreed } = agreedStateOf(agreement.mark, agreement.fingerprint)
  const partnerName = usePartnerName()
  const cannotMark = useCannotMarkReason()
  const myName = myPartner ? partnerName(myPartner) : ''
  // My partner's positions (and withdrawals) on this item still in the outbox; the latest is what I said last.
  const waiting = useOutboxCommands(outbox, ['putPosition', 'withdrawPosition'], (command) => {
    if (command.name === 'withdrawPosition') return command.params.kind === target.kind && command.params.targetId === target.id
    const body = command.body as PositionBody | undefined
    return body?.target.kind === target.kind && body.target.id === target.id
  })
  const pending = waiting.at(-1) ?? null
  const pendingBody = pending?.name === 'putPosition' ? (pending.body as PositionBody | undefined) : undefined
  const pendingWithdrawal = pending?.name === 'withdrawPosition' ? pending : null

  const [showPositions, setShowPositions] = useState(false)
  const [recording, setRecording] = useState(false)
  const [showChanges, setShowChanges] = useState(false)
  const [marking, setMarking] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const recordButton = useRef<HTMLButtonElement>(null)
  const positionsButton = useRef<HTMLButtonElement>(null)
  const base = useId()

  const canRecord = myPartner !== null && outbox !== null
  const markable = mark === null || changedSinceAgreed
  const canMark = items.isFacilitator && summary.state === 'agreed' && markable
  const whyNot = markable && summary.state !== 'agreed' ? cannotMark(summary, items.voiceless, items.huiActive) : null
  const mine = myPartner ? agreement.records.get(myPartner.key) : undefined
  const initial = pendingWithdrawal
    ? null
    : pendingBody && pending?.status === 'pending'
      ? { position: pendingBody.position, comment: pendingBody.comment ?? '' }
      : mine && mine.fingerprint === agreement.fingerprint
        ? { position: mine.position, comment: mine.comment }
        : null

  function closeForm() {
    setRecording(false)
    // The form held focus: hand it back to the button that opened it.
    requestAnimationFrame(() => recordButton.current?.focus())
  }

  function handleSave(position: AgreementPosition, comment: string) {
    if (!myPartner || !outbox) return
    // The position is on the version of the item as it is this moment, not as last read: the
    // server stores it against that version, so it never reads as agreement to later words.
    store.flush()
    const fingerprint = store.agreementOf(target).fingerprint
    if (fingerprint === null) {
      setProblem(t('record.gone'))
      return
    }
    const body: PositionBody = { target, position, fingerprint, ...(comment ? { comment } : {}) }
    outbox
      .enqueue({ name: 'putPosition', body, summary: { key: 'summary.putPosition', values: { partner: myName, title } } })
      .catch((error: unknown) => setProblem(t('record.failed', { message: error instanceof Error ? error.message : String(error) })))
    setProblem(null)
    setAnnouncement(t('record.sent', { partner: myName, position: t(`positions.${position}`) }))
    closeForm()
  }

  function handleWithdraw() {
    if (!myPartner || !outbox) return
    outbox
      .enqueue({
        name: 'withdrawPosition',
        params: { kind: target.kind, targetId: target.id },
        summary: { key: 'summary.withdrawPosition', values: { partner: myName, title } },
      })
      .catch((error: unknown) => setProblem(t('record.failed', { message: error instanceof Error ? error.message : String(error) })))
    setProblem(null)
    setAnnouncement(t('record.withdrawSent', { partner: myName }))
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
      <WithheldControl target={target} describedBy={describedBy} />
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
          <DisclosureButton
            expanded={showChanges}
            controls={`${base}-changes`}
            aria-describedby={describedBy}
            onClick={() => setShowChanges((open) => !open)}
          >
            {t('changes.button')}
          </DisclosureButton>
        )}
        {canMark && (
          <Button
            variant="primary"
            className="btn-small"
            aria-describedby={describedBy}
            disabled={marking}
            onClick={() => void handleMark()}
          >
            {t('mark.button')}
          </Button>
        )}
      </div>
      {whyNot && <p className="agreement-why">{whyNot}</p>}
      {pending && pendingBody && outbox && (
        <p
          className={pending.status === 'refused' ? 'position-pending outbox-refused-item' : 'position-pending outbox-pending-item'}
          data-pending-position={pendingBody.position}
        >
          <span className="position-partner">{myName}</span>
          {': '}
          <span className="position-word">{t(`recorded.${pendingBody.position}`)}</span>{' '}
          <PendingNote outbox={outbox} command={pending} describedBy={describedBy} />
        </p>
      )}
      {pendingWithdrawal && outbox && (
        <p
          className={
            pendingWithdrawal.status === 'refused' ? 'position-pending outbox-refused-item' : 'position-pending outbox-pending-item'
          }
          data-pending-position="withdrawn"
        >
          <span className="position-partner">{myName}</span>
          {': '}
          <span className="position-word">{t('recorded.withdrawing')}</span>{' '}
          <PendingNote outbox={outbox} command={pendingWithdrawal} describedBy={describedBy} />
        </p>
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      {showPositions && <PositionList id={`${base}-positions`} summary={summary} voiceless={items.voiceless} />}
      {recording && canRecord && (
        <PositionForm
          id={`${base}-form`}
          partner={myName}
          title={title}
          initial={initial}
          onSave={handleSave}
          onWithdraw={mine && !pendingWithdrawal ? handleWithdraw : undefined}
          onCancel={closeForm}
        />
      )}
      {showChanges && changedSinceAgreed && mark && (
        <ChangesSinceAgreed id={`${base}-changes`} planId={planId} target={target} mark={mark} store={store} />
      )}
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
    </div>
  )
}
