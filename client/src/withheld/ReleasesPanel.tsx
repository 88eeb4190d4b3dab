import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_RELEASE_AUDIENCE, MAX_RELEASE_REASON, newId, partnersOf, type Me, type Member, type Partner } from '@hononga/shared'
import type * as Y from 'yjs'
import { speaksForPartner } from '../agreement/voice'
import { ApiError, commands } from '../api/client'
import { RelativeTime } from '../i18n/dates'
import type { PlanSession } from '../sync/planSession'
import { whenSaved } from '../sync/outbox'
import { useDocValue } from '../sync/useDocValue'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { TextAreaField, TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { decidesOn, releaseViews, withheldItems, type ReleaseItem, type ReleaseView } from './releases'
import './withheld.css'

interface Props {
  planId: string
  session: PlanSession
  me: Me
  members: readonly Member[]
}

/**
 * "Releases" in the workspace's secondary tools (beside "Access log"): a button and the dialog
 * holding {@link ReleasesPanel}. Every member sees it: anyone may ask for a release.
 */
export function ReleasesButton(props: Props) {
  const { t } = useTranslation('withheld')
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {t('releases.open')}
      </button>
      <Dialog open={open} title={t('releases.title')} onClose={() => setOpen(false)}>
        {open && <ReleasesPanel {...props} />}
      </Dialog>
    </>
  )
}

/** The partner I speak for in this plan, or null. */
function mySpokenPartner(members: readonly Member[], me: Me): Partner | null {
  const member = members.find((m) => m.userId === me.id)
  return member && speaksForPartner(member) ? (partnersOf([member])[0] ?? null) : null
}

/**
 * The release requests of the plan, newest first, each with its items and where each stands;
 * Approve and Decline for the partners that withhold its items; and the form to ask for one.
 */
export function ReleasesPanel({ planId, session, me, members }: Props) {
  const { t } = useTranslation('withheld')
  const views = useDocValue(session.doc, releaseViews)
  const myPartner = mySpokenPartner(members, me)
  return (
    <div className="releases">
      <p>{t('releases.intro')}</p>
      <h3>{t('releases.listTitle')}</h3>
      {views.length === 0 ? (
        <p>{t('releases.none')}</p>
      ) : (
        <ul className="releases-list">
          {views.map((view) => (
            <Release key={view.request.id} view={view} planId={planId} session={session} myPartner={myPartner} />
          ))}
        </ul>
      )}
      <AskForm planId={planId} doc={session.doc} />
    </div>
  )
}

function Release({
  view,
  planId,
  session,
  myPartner,
}: {
  view: ReleaseView
  planId: string
  session: PlanSession
  myPartner: Partner | null
}) {
  const { t } = useTranslation('withheld')
  const { t: tc } = useTranslation('common')
  const headingId = useId()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const { request } = view
  const label = (partner: Pick<Partner, 'affiliation' | 'organisation'>) =>
    partner.organisation ?? tc(`affiliations.${partner.affiliation}`)
  const canDecide = myPartner !== null && decidesOn(view, myPartner.key)

  async function decide(decision: 'approved' | 'declined') {
    if (!myPartner) return
    setBusy(true)
    setMessage(null)
    try {
      await whenSaved(session)
      await commands.decideRelease(planId, request.id, { decision }, newId())
      setMessage({
        kind: 'success',
        text: t('releases.decided', { decision: t(`releases.decisions.${decision}`), partner: label(myPartner) }),
      })
    } catch (error) {
      setMessage({
        kind: 'error',
        text: error instanceof ApiError ? t('releases.failed', { message: error.message }) : tc('status.networkError'),
      })
    } finally {
      setBusy(false)
    }
  }

  const itemLine = (item: ReleaseItem) =>
    `${item.title ?? t('releases.itemGone')}: ${
      item.mark ? t(`releases.state.${item.state}`, { partner: label(item.mark) }) : t('releases.state.free')
    }`

  return (
    <li className="release" aria-labelledby={headingId} data-release-id={request.id}>
      <h4 id={headingId}>{t('releases.request', { audience: request.audience })}</h4>
      <p>
        {t('releases.requestedBy', { name: request.requestedBy.name })} <RelativeTime iso={new Date(request.at).toISOString()} />
      </p>
      <dl>
        <dt>{t('releases.audience')}</dt>
        <dd>{request.audience}</dd>
        <dt>{t('releases.reason')}</dt>
        <dd>{request.reason}</dd>
        <dt>{t('releases.items')}</dt>
        <dd>
          <ul className="release-items">
            {view.items.map((item) => (
              <li key={item.key} data-state={item.mark ? item.state : 'free'}>
                {itemLine(item)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {view.ready && <p>{t('releases.ready')}</p>}
      {canDecide && myPartner && (
        <div className="release-buttons">
          <Button
            variant="primary"
            className="btn-small"
            aria-describedby={headingId}
            disabled={busy}
            onClick={() => void decide('approved')}
          >
            {t('releases.approve', { partner: label(myPartner) })}
          </Button>
          <Button className="btn-small" aria-describedby={headingId} disabled={busy} onClick={() => void decide('declined')}>
            {t('releases.decline', { partner: label(myPartner) })}
          </Button>
        </div>
      )}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </li>
  )
}

/** "Ask for approval": which withheld items, for whom, why. */
function AskForm({ planId, doc }: { planId: string; doc: Y.Doc }) {
  const { t } = useTranslation('withheld')
  const { t: tc } = useTranslation('common')
  const withheld = useDocValue(doc, withheldItems)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [audience, setAudience] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [sent, setSent] = useState(false)
  const headingId = useId()
  const label = (mark: { affiliation: Member['affiliation']; organisation: string | null }) =>
    mark.organisation ?? tc(`affiliations.${mark.affiliation}`)

  async function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const items = withheld.filter((item) => chosen.has(item.key)).map((item) => item.target)
    if (items.length === 0) return setProblem(t('releases.ask.pickItems'))
    if (audience.trim() === '' || reason.trim() === '') return setProblem(t('releases.ask.needText'))
    setBusy(true)
    setProblem(null)
    setSent(false)
    try {
      await commands.requestRelease(planId, { items, audience: audience.trim(), reason: reason.trim() }, newId())
      setSent(true)
      setChosen(new Set())
      setAudience('')
      setReason('')
    } catch (error) {
      setProblem(error instanceof ApiError ? t('releases.failed', { message: error.message }) : tc('status.networkError'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="release-ask" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('releases.ask.title')}</h3>
      {withheld.length === 0 ? (
        <p>{t('releases.ask.nothingWithheld')}</p>
      ) : (
        <form onSubmit={(event) => void handleSubmit(event)} noValidate>
          <fieldset>
            <legend>{t('releases.ask.items')}</legend>
            {withheld.map((item) => (
              <label key={item.key}>
                <input
                  type="checkbox"
                  checked={chosen.has(item.key)}
                  onChange={(event) => {
                    const next = new Set(chosen)
                    if (event.target.checked) next.add(item.key)
                    else next.delete(item.key)
                    setChosen(next)
                  }}
                />
                <span>
                  {item.title ?? t('releases.itemGone')} ({t('badge', { partner: label(item.mark) })})
                </span>
              </label>
            ))}
          </fieldset>
          <TextField
            label={t('releases.ask.audience')}
            hint={t('releases.ask.audienceHint')}
            value={audience}
            maxLength={MAX_RELEASE_AUDIENCE}
            onChange={(event) => setAudience(event.target.value)}
          />
          <TextAreaField
            label={t('releases.ask.reason')}
            value={reason}
            maxLength={MAX_RELEASE_REASON}
            rows={3}
            onChange={(event) => setReason(event.target.value)}
          />
          {problem && <Notice kind="error">{problem}</Notice>}
          {sent && <Notice kind="success">{t('releases.ask.sent')}</Notice>}
          <Button type="submit" variant="primary" disabled={busy}>
            {t('releases.ask.submit')}
          </Button>
        </form>
      )}
    </section>
  )
}
