import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import type { TrackerRow } from '@hononga/shared'
import { formatDate } from '../plan-steps/format'
import { StatusBadge } from '../plan-steps/StatusBadge'
import { PHONE_SCREEN, useMediaQuery } from '../ui/useMediaQuery'
import { daysBetween } from './trackerQuery'

/**
 * Tracked actions: a table on wider screens (caption, column headers, the action's title as
 * each row's header) and a list of cards at phone width, where seven columns cannot fit.
 */
export function TrackerRows({ rows, today, caption }: { rows: TrackerRow[]; today: string; caption: string }) {
  const phone = useMediaQuery(PHONE_SCREEN)
  return phone ? <TrackerCards rows={rows} today={today} label={caption} /> : <TrackerTable rows={rows} today={today} caption={caption} />
}

function TrackerTable({ rows, today, caption }: { rows: TrackerRow[]; today: string; caption: string }) {
  const { t } = useTranslation('tracker')
  return (
    // A wide table may scroll sideways within its region, which keyboard users can scroll too.
    <div className="tracker-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="tracker-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.action')}</th>
            <th scope="col">{t('columns.plan')}</th>
            <th scope="col">{t('columns.lead')}</th>
            <th scope="col">{t('columns.due')}</th>
            <th scope="col">{t('columns.status')}</th>
            <th scope="col">{t('columns.agreement')}</th>
            <th scope="col">{t('columns.lastProgress')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.planId}/${row.actionId}`} className={row.overdue ? 'overdue' : undefined}>
              <th scope="row">
                <ActionLink row={row} />
              </th>
              <td>
                <PlanCell row={row} />
              </td>
              <td>
                <LeadCell row={row} />
              </td>
              <td>
                <DueCell row={row} today={today} />
              </td>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td>
                <AgreementCell row={row} />
              </td>
              <td>
                <ProgressCell row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function TrackerCards({ rows, today, label }: { rows: TrackerRow[]; today: string; label: string }) {
  const { t } = useTranslation('tracker')
  return (
    <ul className="tracker-cards" aria-label={label}>
      {rows.map((row) => (
        <li key={`${row.planId}/${row.actionId}`} className={row.overdue ? 'tracker-card card overdue' : 'tracker-card card'}>
          <h3 className="tracker-card-title">
            <ActionLink row={row} />
          </h3>
          <StatusBadge status={row.status} prefix />
          <dl className="tracker-card-facts">
            <div>
              <dt>{t('columns.plan')}</dt>
              <dd>
                <PlanCell row={row} />
              </dd>
            </div>
            <div>
              <dt>{t('columns.lead')}</dt>
              <dd>
                <LeadCell row={row} />
              </dd>
            </div>
            <div>
              <dt>{t('columns.due')}</dt>
              <dd>
                <DueCell row={row} today={today} />
              </dd>
            </div>
            <div>
              <dt>{t('columns.agreement')}</dt>
              <dd>
                <AgreementCell row={row} />
              </dd>
            </div>
            <div>
              <dt>{t('columns.lastProgress')}</dt>
              <dd>
                <ProgressCell row={row} />
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  )
}

function ActionLink({ row }: { row: TrackerRow }) {
  const { t } = useTranslation('tracker')
  return <Link href={`/plans/${row.planId}/actions`}>{row.title.trim() || t('untitled')}</Link>
}

function PlanCell({ row }: { row: TrackerRow }) {
  return (
    <>
      <span className="tracker-plan-title">{row.planTitle}</span>
      <span className="tracker-place">{[row.community, row.district].filter(Boolean).join(' · ')}</span>
    </>
  )
}

function LeadCell({ row }: { row: TrackerRow }) {
  const { t } = useTranslation('tracker')
  return (
    <>
      <span className="tracker-lead">{row.lead || <span className="empty-note">{t('noLead')}</span>}</span>
      {row.partners.length > 0 && <span className="tracker-partners">{t('withPartners', { partners: row.partners.join(', ') })}</span>}
    </>
  )
}

function DueCell({ row, today }: { row: TrackerRow; today: string }) {
  const { t, i18n } = useTranslation('tracker')
  const late = row.dueDate ? daysBetween(row.dueDate, today) : 0
  return (
    <>
      {row.dueDate ? <span>{formatDate(row.dueDate, i18n.language)}</span> : <span className="empty-note">{t('noDueDate')}</span>}
      {row.overdue && (
        <span className="tracker-overdue">
          <span aria-hidden="true">! </span>
          {late > 0 ? t('overdueBy', { count: late }) : t('overdue')}
        </span>
      )}
      {row.reviewDate && (
        <span className={row.reviewDue ? 'tracker-review due' : 'tracker-review'}>
          {row.reviewDue
            ? t('reviewDue', { date: formatDate(row.reviewDate, i18n.language) })
            : t('reviewOn', { date: formatDate(row.reviewDate, i18n.language) })}
        </span>
      )}
    </>
  )
}

function AgreementCell({ row }: { row: TrackerRow }) {
  const { t } = useTranslation('tracker')
  if (!row.agreed) return <span className="tracker-agreement">{t('agreement.notMarked')}</span>
  return (
    <span className={row.changedSinceAgreed ? 'tracker-agreement changed' : 'tracker-agreement agreed'}>
      <span aria-hidden="true">{row.changedSinceAgreed ? '△ ' : '✓ '}</span>
      {row.changedSinceAgreed ? t('agreement.changed') : t('agreement.agreed')}
    </span>
  )
}

function ProgressCell({ row }: { row: TrackerRow }) {
  const { t, i18n } = useTranslation('tracker')
  const progress = row.lastProgress
  if (!progress) return <span className="empty-note">{t('noProgress')}</span>
  return (
    <>
      <span className="tracker-progress-head">
        {t('progressBy', { date: formatDate(progress.date, i18n.language), name: progress.authorName || t('someone') })}
      </span>
      {progress.status && <StatusBadge status={progress.status} prefix />}
      {progress.note && <span className="tracker-progress-note">{progress.note}</span>}
    </>
  )
}
