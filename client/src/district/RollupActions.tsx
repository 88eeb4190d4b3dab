import { useTranslation } from 'react-i18next'
import type { RollupAction } from '@hononga/shared'
import { formatDate } from '../plan-steps/format'
import { StatusBadge } from '../plan-steps/StatusBadge'
import { PHONE_SCREEN, useMediaQuery } from '../ui/useMediaQuery'
import { useEngagementLabel } from './labels'
// The tracker's table and card styles: the roll-up shows actions the way the tracker does.
import '../tracker/tracker.css'

/**
 * A shared plan's actions, title-level only: a table on wider screens (the action's title
 * heads each row) and cards at phone width, where seven columns cannot fit.
 */
export function RollupActions({ actions, caption }: { actions: RollupAction[]; caption: string }) {
  const phone = useMediaQuery(PHONE_SCREEN)
  return phone ? <ActionCards actions={actions} label={caption} /> : <ActionTable actions={actions} caption={caption} />
}

function ActionTable({ actions, caption }: { actions: RollupAction[]; caption: string }) {
  const { t } = useTranslation('district')
  return (
    // A wide table may scroll sideways within its region, which keyboard users can scroll too.
    <div className="tracker-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="tracker-table rollup-actions">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.action')}</th>
            <th scope="col">{t('columns.lead')}</th>
            <th scope="col">{t('columns.status')}</th>
            <th scope="col">{t('columns.due')}</th>
            <th scope="col">{t('columns.lastProgress')}</th>
            <th scope="col">{t('columns.agreement')}</th>
            <th scope="col">{t('columns.engagement')}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <tr key={action.id} className={action.overdue ? 'overdue' : undefined}>
              <th scope="row">{action.title.trim() || t('untitled')}</th>
              <td>
                <LeadCell action={action} />
              </td>
              <td>
                <StatusBadge status={action.status} />
              </td>
              <td>
                <DueCell action={action} />
              </td>
              <td>
                <ProgressCell action={action} />
              </td>
              <td>
                <AgreementCell action={action} />
              </td>
              <td>
                <EngagementCell action={action} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ActionCards({ actions, label }: { actions: RollupAction[]; label: string }) {
  const { t } = useTranslation('district')
  const facts = [
    ['columns.lead', LeadCell],
    ['columns.due', DueCell],
    ['columns.lastProgress', ProgressCell],
    ['columns.agreement', AgreementCell],
    ['columns.engagement', EngagementCell],
  ] as const
  return (
    <ul className="tracker-cards rollup-cards" aria-label={label}>
      {actions.map((action) => (
        <li key={action.id} className={action.overdue ? 'tracker-card card overdue' : 'tracker-card card'}>
          <h4 className="tracker-card-title">{action.title.trim() || t('untitled')}</h4>
          <StatusBadge status={action.status} prefix />
          <dl className="tracker-card-facts">
            {facts.map(([key, Cell]) => (
              <div key={key}>
                <dt>{t(key)}</dt>
                <dd>
                  <Cell action={action} />
                </dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  )
}

function LeadCell({ action }: { action: RollupAction }) {
  const { t } = useTranslation('district')
  return action.lead ? <span>{action.lead}</span> : <span className="empty-note">{t('noLead')}</span>
}

function DueCell({ action }: { action: RollupAction }) {
  const { t, i18n } = useTranslation('district')
  return (
    <>
      {action.dueDate ? <span>{formatDate(action.dueDate, i18n.language)}</span> : <span className="empty-note">{t('noDue')}</span>}
      {action.overdue && (
        <span className="tracker-overdue">
          <span aria-hidden="true">! </span>
          {t('overdue')}
        </span>
      )}
    </>
  )
}

function ProgressCell({ action }: { action: RollupAction }) {
  const { t, i18n } = useTranslation('district')
  const { t: ts } = useTranslation('steps')
  const progress = action.lastProgress
  if (!progress) return <span className="empty-note">{t('noProgress')}</span>
  const date = formatDate(progress.date, i18n.language)
  return <span>{progress.status ? t('progress', { date, status: ts(`status.${progress.status}`) }) : date}</span>
}

function AgreementCell({ action }: { action: RollupAction }) {
  const { t } = useTranslation('district')
  if (!action.agreed) return <span className="tracker-agreement">{t('agreement.notAgreed')}</span>
  return (
    <span className={action.changedSinceAgreed ? 'tracker-agreement changed' : 'tracker-agreement agreed'}>
      <span aria-hidden="true">{action.changedSinceAgreed ? '△ ' : '✓ '}</span>
      {action.changedSinceAgreed ? t('agreement.changed') : t('agreement.agreed')}
    </span>
  )
}

function EngagementCell({ action }: { action: RollupAction }) {
  const engagement = useEngagementLabel()
  return <span className={action.engagement ? undefined : 'empty-note'}>{engagement(action.engagement)}</span>
}
