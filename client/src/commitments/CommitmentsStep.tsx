import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  allCommitments,
  COMMITMENT_IDS,
  type CommitmentBody,
  type CommitmentId,
  type CommitmentRecord,
  type Partner,
} from '@hononga/shared'
import { usePartnerName } from '../agreement/AgreementGlance'
import { usePlanItems } from '../agreement/PlanItemsContext'
import type { StepProps } from '../plan-steps/types'
import { PendingNote } from '../sync/PendingNote'
import { useDocValue } from '../sync/useDocValue'
import { useOutboxCommands } from '../sync/useOutbox'
import type { Outbox } from '../sync/outbox'
import { DisclosureButton } from '../ui/DisclosureButton'
import { Notice } from '../ui/Notice'
import { CommitmentRecords } from './CommitmentList'
import { CommitmentForm } from './CommitmentForm'
import './commitments.css'

/**
 * The Commitments step (issue 13 §5), after monitoring: for each of the six commitments
 * Police make as a co-design partner, Police's account of how it is being met and each other
 * partner's assessment, with a form for the partner I speak for (viewers too). Writing is a
 * command through the outbox; the server takes the partner from my membership.
 */
export function CommitmentsStep({ session }: StepProps) {
  const { t } = useTranslation('partnership')
  const items = usePlanItems()
  const records = useDocValue(session.doc, allCommitments)
  return (
    <section className="commitments-step" aria-labelledby="commitments-heading">
      <h2 id="commitments-heading">{t('commitments.heading')}</h2>
      <p className="step-intro">{t('commitments.intro')}</p>
      {items?.myPartner === null && <p className="commitment-none">{t('commitments.cannotWrite')}</p>}
      {COMMITMENT_IDS.map((commitment) => (
        <Commitment
          key={commitment}
          commitment={commitment}
          records={records}
          myPartner={items?.myPartner ?? null}
          outbox={items?.outbox ?? null}
        />
      ))}
    </section>
  )
}

function Commitment({
  commitment,
  records,
  myPartner,
  outbox,
}: {
  commitment: CommitmentId
  records: readonly CommitmentRecord[]
  myPartner: Partner | null
  outbox: Outbox | null
}) {
  const { t } = useTranslation('partnership')
  const partnerName = usePartnerName()
  const headingId = `commitment-${commitment}`
  const base = useId()
  const [open, setOpen] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const button = useRef<HTMLButtonElement>(null)
  const title = t(`commitments.items.${commitment}`)
  const waiting = useOutboxCommands(outbox, ['putCommitment', 'withdrawCommitment'], (c) => c.params.commitmentId === commitment)
  const pending = waiting.at(-1) ?? null
  const mine = myPartner ? records.find((r) => r.commitment === commitment && r.partner === myPartner.key) : undefined
  const police = myPartner?.affiliation === 'police'
  const myName = myPartner ? partnerName(myPartner) : ''
  const pendingText = pending?.name === 'putCommitment' && pending.status === 'pending' ? (pending.body as CommitmentBody).text : null

  function close() {
    setOpen(false)
    requestAnimationFrame(() => button.current?.focus())
  }

  function fail(error: unknown) {
    setProblem(t('commitments.failed', { message: error instanceof Error ? error.message : String(error) }))
  }

  function save(text: string) {
    if (!outbox) return
    outbox
      .enqueue({
        name: 'putCommitment',
        params: { commitmentId: commitment },
        body: { text } satisfies CommitmentBody,
        summary: { key: 'summary.putCommitment', values: { partner: myName, commitment: title } },
      })
      .catch(fail)
    setProblem(null)
    setAnnouncement(t('commitments.sent', { partner: myName, commitment: title }))
    close()
  }

  function withdraw() {
    if (!outbox) return
    outbox
      .enqueue({
        name: 'withdrawCommitment',
        params: { commitmentId: commitment },
        summary: { key: 'summary.withdrawCommitment', values: { partner: myName, commitment: title } },
      })
      .catch(fail)
    setProblem(null)
    setAnnouncement(t('commitments.withdrawSent', { partner: myName, commitment: title }))
    close()
  }

  const buttonLabel = mine
    ? t(police ? 'commitments.editAccount' : 'commitments.editAssessment', { partner: myName })
    : t(police ? 'commitments.writeAccount' : 'commitments.writeAssessment', { partner: myName })
  return (
    <section className="commitment" aria-labelledby={headingId} data-commitment={commitment}>
      <h3 id={headingId} className="commitment-heading">
        {title}
      </h3>
      <CommitmentRecords commitment={commitment} records={records} headingLevel={4} />
      {pending && outbox && (
        <div className={pending.status === 'refused' ? 'commitment-pending outbox-refused-item' : 'commitment-pending outbox-pending-item'}>
          {pendingText !== null && <p className="commitment-text">{pendingText}</p>}
          <PendingNote outbox={outbox} command={pending} describedBy={headingId} />
        </div>
      )}
      {myPartner && outbox && (
        <DisclosureButton
          ref={button}
          expanded={open}
          controls={`${base}-form`}
          aria-describedby={headingId}
          onClick={() => (open ? close() : setOpen(true))}
        >
          {buttonLabel}
        </DisclosureButton>
      )}
      {open && myPartner && (
        <CommitmentForm
          id={`${base}-form`}
          label={t(police ? 'commitments.textLabelAccount' : 'commitments.textLabelAssessment', { partner: myName, commitment: title })}
          initial={pendingText ?? mine?.text ?? ''}
          onSave={save}
          onWithdraw={mine ? withdraw : undefined}
          onCancel={close}
        />
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
    </section>
  )
}
