import { useTranslation } from 'react-i18next'
import type { ActionStatus } from '@hononga/shared'
// Its own stylesheet: the tracker and the minutes show statuses without the steps' styles.
import './status.css'

/** A mark per status, so it reads without colour too (the text says it in full). */
const STATUS_MARKS: Record<ActionStatus, string> = {
  proposed: '○',
  agreed: '◐',
  'in progress': '▶',
  'at risk': '!',
  done: '✓',
  stopped: '■',
}

/** The class suffix of a status ("in progress" → "in-progress"). */
export function statusClass(status: ActionStatus): string {
  return status.replace(/\s+/g, '-')
}

/** A priority action's status, as text with a mark and a colour. */
export function StatusBadge({ status, prefix }: { status: ActionStatus; prefix?: boolean }) {
  const { t } = useTranslation('steps')
  return (
    <span className={`status-badge status-${statusClass(status)}`}>
      <span aria-hidden="true" className="status-mark">
        {STATUS_MARKS[status]}
      </span>{' '}
      {prefix && <span className="visually-hidden">{t('actions.statusLabel')}: </span>}
      {t(`status.${status}`)}
    </span>
  )
}
