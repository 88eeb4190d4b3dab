import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { minutesOf, type HuiMinutes, type PlanJson } from '@hononga/shared'
import { MinutesPartnership } from '../commitments/MinutesPartnership'
import { api, ApiError, NetworkError } from '../api/client'
import { useDateFormat } from '../i18n/dates'
import { formatDate } from '../plan-steps/format'
import { StatusBadge } from '../plan-steps/StatusBadge'
import { AffiliationBadge } from '../ui/Badge'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import type { AgendaEntry } from './agenda'
import { WithheldNotices } from '../exports/WithheldNotices'
import { useMinutesOut } from './minutesFile'
import { useAgendaTitle } from './useAgendaTitle'
import './minutes.css'

type Load = { kind: 'loading' } | { kind: 'ready'; plan: PlanJson } | { kind: 'error'; message: string }

/**
 * The minutes of a hui, from the snapshot taken when it ended, titled with the hui's date and
 * start time: when it ran, who came (by partner, iwi first), the notes taken at each agenda
 * item, what was agreed (and whether it changed afterwards), each partner's concerns and
 * objections, what was parked and the actions assigned. Printable, and downloadable as JSON.
 * Its own chunk: no editor, no live connection.
 *
 * Reading the minutes here is a view of a snapshot (members see everything). Printing and
 * downloading go through the server (useMinutesOut): recorded in the access log, with what
 * partners withheld left out and said so; the page then shows that copy.
 */
export default function MinutesPage({ planId, snapshotId }: { planId: string; snapshotId: string }) {
  const { t } = useTranslation('hui')
  const { t: tc } = useTranslation('common')
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const leaving = useMinutesOut(planId, snapshotId)

  useEffect(() => {
    let stale = false
    api.getSnapshot(planId, snapshotId).then(
      (plan) => !stale && setLoad({ kind: 'ready', plan }),
      (error: unknown) => {
        if (stale) return
        const message =
          error instanceof ApiError && (error.status === 404 || error.status === 403)
            ? t('minutes.notFound')
            : error instanceof NetworkError
              ? tc('status.networkError')
              : t('minutes.loadError')
        setLoad({ kind: 'error', message })
      },
    )
    return () => {
      stale = true
    }
  }, [planId, snapshotId, t, tc])

  const plan = leaving.out?.plan ?? (load.kind === 'ready' ? load.plan : null)
  const format = useDateFormat()
  const startedAt = plan?.hui.state.startedAt ?? null
  const heading = startedAt ? t('minutes.headingAt', { when: format.dateTime(startedAt) }) : t('minutes.title')
  useDocumentTitle(plan ? `${heading} · ${plan.meta.title}` : t('minutes.title'))

  if (load.kind === 'loading') {
    return (
      <p className="loading" role="status">
        {t('minutes.loading')}
      </p>
    )
  }
  if (load.kind === 'error') {
    return (
      <section className="page narrow">
        <Notice kind="error">{load.message}</Notice>
        <Link href={`/plans/${planId}`}>{t('minutes.backToPlan')}</Link>
      </section>
    )
  }
  const shown = leaving.out?.plan ?? load.plan
  const huiId = shown.hui.state.huiId
  if (!huiId) {
    return (
      <section className="page narrow">
        <Notice kind="info">{t('minutes.noHui')}</Notice>
        <Link href={`/plans/${planId}`}>{t('minutes.backToPlan')}</Link>
      </section>
    )
  }
  return <Minutes planId={planId} plan={shown} minutes={minutesOf(shown, huiId)} leaving={leaving} />
}

function Minutes({
  planId,
  plan,
  minutes,
  leaving,
}: {
  planId: string
  plan: PlanJson
  minutes: HuiMinutes
  leaving: ReturnType<typeof useMinutesOut>
}) {
  const { t: te } = useTranslation('exports')
  const { t, i18n } = useTranslation('hui')
  const { t: ta } = useTranslation('agreement')
  const format = useDateFormat()
  const titleOf = useAgendaTitle()
  const peopleCount = minutes.attendance.reduce((sum, group) => sum + group.people.length, 0)
  const agenda: AgendaEntry[] = plan.hui.agenda.map((item) => ({ ...item, itemTitle: item.target ? targetTitle(plan, item.target) : null }))

  const handleDownload = () =>
    void leaving.download((copy) => {
      const huiId = copy.plan.hui.state.huiId
      const left = huiId ? minutesOf(copy.plan, huiId) : minutes
      const day = (left.endedAt ?? left.startedAt ?? new Date().toISOString()).slice(0, 10)
      return { name: t('minutes.fileName', { title: copy.plan.meta.title, date: day }), minutes: left }
    })

  return (
    <article className="page minutes-page" aria-labelledby="minutes-title">
      <div className="minutes-tools">
        <Link href={`/plans/${planId}`}>{t('minutes.backToPlan')}</Link>
        <div className="minutes-buttons">
          <Button onClick={() => void leaving.print()} disabled={leaving.busy}>
            {t('minutes.print')}
          </Button>
          <Button variant="primary" onClick={handleDownload} disabled={leaving.busy}>
            {t('minutes.download')}
          </Button>
        </div>
      </div>
      <h1 id="minutes-title">
        {minutes.startedAt ? t('minutes.headingAt', { when: format.dateTime(minutes.startedAt) }) : t('minutes.heading')}
        <span className="minutes-plan">{plan.meta.title}</span>
      </h1>
      <p className="minutes-place">{[plan.meta.community, plan.meta.district].filter(Boolean).join(' · ')}</p>
      {leaving.problem && <Notice kind="error">{te(`leave.${leaving.problem.problem}`, { message: leaving.problem.message })}</Notice>}
      {leaving.out && (
        <>
          <p className="minutes-as-left">{t('minutes.asLeft')}</p>
          <WithheldNotices notices={leaving.out.withheld} />
        </>
      )}

      <section aria-labelledby="minutes-when">
        <h2 id="minutes-when">{t('minutes.when')}</h2>
        <p>
          {minutes.startedAt ? (
            <time dateTime={minutes.startedAt} lang={format.dateLang}>
              {t('minutes.started', { time: format.dateTime(minutes.startedAt) })}
            </time>
          ) : (
            t('minutes.none')
          )}
          {', '}
          {minutes.endedAt ? (
            <time dateTime={minutes.endedAt} lang={format.dateLang}>
              {t('minutes.ended', { time: format.dateTime(minutes.endedAt) })}
            </time>
          ) : (
            t('minutes.notEnded')
          )}
        </p>
      </section>

      {agenda.length > 0 && (
        <section aria-labelledby="minutes-agenda">
          <h2 id="minutes-agenda">{t('minutes.agenda')}</h2>
          <ol className="minutes-agenda">
            {agenda.map((entry) => (
              <li key={entry.id}>
                {titleOf(entry)}
                {entry.durationMinutes !== null && (
                  <span className="minutes-muted"> · {t('agenda.minutesShort', { count: entry.durationMinutes })}</span>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}

      {agenda.length > 0 && (
        <section aria-labelledby="minutes-notes">
          <h2 id="minutes-notes">{t('minutes.notes')}</h2>
          {minutes.notes.length === 0 ? (
            <p className="empty-note">{t('minutes.noNotes')}</p>
          ) : (
            minutes.notes.map((item) => (
              <div key={item.itemId} className="minutes-notes-item">
                <h3>{titleOf(agenda.find((entry) => entry.id === item.itemId)!)}</h3>
                <p className="minutes-notes-text">{item.notes}</p>
              </div>
            ))
          )}
        </section>
      )}

      <section aria-labelledby="minutes-attended">
        <h2 id="minutes-attended">
          {t('minutes.attended')} <span className="minutes-muted">({t('minutes.attendedCount', { count: peopleCount })})</span>
        </h2>
        {minutes.attendance.length === 0 ? (
          <p className="empty-note">{t('minutes.noAttendance')}</p>
        ) : (
          <ul className="minutes-partners">
            {minutes.attendance.map((group) => (
              <li key={group.partner.key}>
                <h3 className="minutes-partner">
                  <AffiliationBadge affiliation={group.partner.affiliation} organisation={group.partner.organisation} />
                </h3>
                <ul className="minutes-people">
                  {group.people.map((person) => (
                    <li key={person.userId}>{person.name}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="minutes-agreed">
        <h2 id="minutes-agreed">{t('minutes.agreed')}</h2>
        {minutes.agreed.length === 0 ? (
          <p className="empty-note">{t('minutes.noAgreed')}</p>
        ) : (
          <ul className="minutes-list">
            {minutes.agreed.map((item) => (
              <li key={`${item.target.kind}|${item.target.id}|${item.at}`}>
                <span className="minutes-kind">{t(`minutes.kinds.${item.target.kind}`)}:</span>{' '}
                <strong>{item.title || t('agenda.removedItem')}</strong>
                <span className="minutes-muted"> · {t('minutes.agreedBy', { name: item.byName, time: format.dateTime(item.at) })}</span>
                {item.changedSinceAgreed && <span className="minutes-changed"> · {t('minutes.changedSince')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="minutes-concerns">
        <h2 id="minutes-concerns">{t('minutes.concerns')}</h2>
        {minutes.concerns.length === 0 ? (
          <p className="empty-note">{t('minutes.noConcerns')}</p>
        ) : (
          <ul className="minutes-concerns">
            {minutes.concerns.map((group) => (
              <li key={group.partner.key}>
                <h3 className="minutes-partner">
                  <AffiliationBadge affiliation={group.partner.affiliation} organisation={group.partner.organisation} />
                </h3>
                <ul className="minutes-list">
                  {group.positions.map((concern) => (
                    <li key={`${concern.target.kind}|${concern.target.id}`}>
                      <strong>{ta(`recorded.${concern.position}`)}</strong> ·{' '}
                      <span className="minutes-kind">{t(`minutes.kinds.${concern.target.kind}`)}:</span>{' '}
                      {concern.title || t('agenda.removedItem')}
                      <span className="minutes-topic minutes-concern-comment">
                        {' '}
                        {concern.comment ? `“${concern.comment}”` : t('minutes.noComment')}
                      </span>
                      <span className="minutes-muted">
                        {' '}
                        · {t('minutes.concernBy', { name: concern.byName, time: format.dateTime(concern.at) })}
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="minutes-parked">
        <h2 id="minutes-parked">{t('minutes.parked')}</h2>
        {minutes.parked.length === 0 ? (
          <p className="empty-note">{t('minutes.noParked')}</p>
        ) : (
          <ul className="minutes-list">
            {minutes.parked.map((topic) => (
              <li key={topic.id}>
                <span className="minutes-topic">{topic.text}</span>
                <span className="minutes-muted">
                  {' '}
                  · {t('parking.by', { name: topic.addedByName })} · {topic.resolved ? t('parking.stateDone') : t('parking.stateOpen')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <MinutesPartnership minutes={minutes} />

      <section aria-labelledby="minutes-actions">
        <h2 id="minutes-actions">{t('minutes.actions')}</h2>
        {minutes.actions.length === 0 ? (
          <p className="empty-note">{t('minutes.noActions')}</p>
        ) : (
          <div className="minutes-table-wrap" role="region" aria-labelledby="minutes-actions" tabIndex={0}>
            <table className="minutes-table">
              <thead>
                <tr>
                  <th scope="col">{t('minutes.kinds.action')}</th>
                  <th scope="col">{t('minutes.lead')}</th>
                  <th scope="col">{t('minutes.partners')}</th>
                  <th scope="col">{t('minutes.due')}</th>
                  <th scope="col">{t('minutes.status')}</th>
                </tr>
              </thead>
              <tbody>
                {minutes.actions.map((action) => (
                  <tr key={action.id}>
                    <th scope="row">{action.title || t('agenda.untitledItem')}</th>
                    <td>{action.lead || t('minutes.none')}</td>
                    <td>{action.partners.length > 0 ? action.partners.join(', ') : t('minutes.none')}</td>
                    <td>{action.dueDate ? formatDate(action.dueDate, i18n.language) : t('minutes.none')}</td>
                    <td>
                      <StatusBadge status={action.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  )
}

function targetTitle(plan: PlanJson, target: { kind: string; id: string }): string | null {
  switch (target.kind) {
    case 'focusArea':
      return plan.focusAreas.find((item) => item.id === target.id)?.title ?? null
    case 'condition':
      return plan.conditions.find((item) => item.id === target.id)?.title ?? null
    default:
      return plan.actions.find((item) => item.id === target.id)?.title ?? null
  }
}
