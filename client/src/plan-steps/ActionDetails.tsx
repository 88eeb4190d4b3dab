import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import {
  ACTION_STATUSES,
  isActionStatus,
  isIsoDate,
  normaliseName,
  setActionDueDate,
  setActionLead,
  setActionPartners,
  setActionReviewDate,
  setActionStatus,
  type Member,
  type PriorityActionView,
} from '@hononga/shared'
import type * as Y from 'yjs'
import { CommitField } from './CommitField'
import { FocusAreaLinks, LinkedFocusAreas } from './FocusAreaLinks'
import { formatDate, splitNames } from './format'
import { StatusBadge } from './StatusBadge'

/** The member whose name this is (ignoring case and how macrons were typed), if any. */
export function memberNamed(members: readonly Member[], name: string): Member | undefined {
  const wanted = normaliseName(name).toLocaleLowerCase()
  return members.find((member) => normaliseName(member.name).toLocaleLowerCase() === wanted)
}

/**
 * Around an action's results chain: the focus areas it serves, who leads it, the partner
 * organisations, when it is due and where it stands. Read as a description list by viewers.
 */
export function ActionDetails({
  doc,
  action,
  canEdit,
  members,
}: {
  doc: Y.Doc
  action: PriorityActionView
  canEdit: boolean
  members: Member[]
}) {
  const { t, i18n } = useTranslation('steps')
  // Review dates belong to tracking actions over time: their words are the tracker's.
  const { t: tr } = useTranslation('tracker')
  const membersListId = useId()
  const statusId = useId()

  if (!canEdit) {
    return (
      <dl className="action-facts">
        <div>
          <dt>{t('actions.focusAreas')}</dt>
          <dd>
            <LinkedFocusAreas doc={doc} linked={action.focusAreaIds} />
          </dd>
        </div>
        <div>
          <dt>{t('actions.lead')}</dt>
          <dd>{action.lead || <span className="empty-note">{t('actions.noLead')}</span>}</dd>
        </div>
        <div>
          <dt>{t('actions.partners')}</dt>
          <dd>
            {action.partners.length === 0 ? (
              <span className="empty-note">{t('actions.noPartners')}</span>
            ) : (
              <ul className="chip-list">
                {action.partners.map((partner) => (
                  <li key={partner} className="chip">
                    {partner}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('actions.dueDate')}</dt>
          <dd>
            {action.dueDate ? formatDate(action.dueDate, i18n.language) : <span className="empty-note">{t('actions.noDueDate')}</span>}
          </dd>
        </div>
        <div>
          <dt>{tr('review.label')}</dt>
          <dd>
            {action.reviewDate ? formatDate(action.reviewDate, i18n.language) : <span className="empty-note">{tr('review.none')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('actions.statusLabel')}</dt>
          <dd>
            <StatusBadge status={action.status} />
          </dd>
        </div>
      </dl>
    )
  }

  const handleLead = (next: string) => {
    const member = memberNamed(members, next)
    setActionLead(doc, action.id, member ? member.name : next, member?.userId ?? null)
  }

  const handleDueDate = (next: string) => {
    if (next === '') setActionDueDate(doc, action.id, null)
    else setActionDueDate(doc, action.id, next) // throws on a date that is not one: the field reverts
  }

  const handleReviewDate = (next: string) => {
    if (next === '') setActionReviewDate(doc, action.id, null)
    else setActionReviewDate(doc, action.id, next) // throws on a date that is not one: the field reverts
  }

  return (
    <div className="action-details">
      <FocusAreaLinks doc={doc} actionId={action.id} linked={action.focusAreaIds} />
      <div className="action-fields">
        <CommitField
          label={t('actions.lead')}
          value={action.lead}
          onCommit={handleLead}
          list={membersListId}
          autoComplete="off"
          hint={t('actions.leadHint')}
        />
        <datalist id={membersListId}>
          {members.map((member) => (
            <option key={member.userId} value={member.name} />
          ))}
        </datalist>
        <CommitField
          label={t('actions.partners')}
          value={action.partners.join(', ')}
          onCommit={(next) => setActionPartners(doc, action.id, splitNames(next))}
          hint={t('actions.partnersHint')}
          autoComplete="off"
          wraps
        />
        <CommitField
          label={t('actions.dueDate')}
          type="date"
          value={action.dueDate ?? ''}
          onCommit={handleDueDate}
          // A picked date is written at once; while a year is typed the input reports years
          // like 0002, which wait until the person leaves the field.
          commitEarly={(draft) => isIsoDate(draft) && Number(draft.slice(0, 4)) >= 1900}
        />
        <CommitField
          label={tr('review.label')}
          type="date"
          value={action.reviewDate ?? ''}
          onCommit={handleReviewDate}
          hint={tr('review.actionHint')}
          commitEarly={(draft) => isIsoDate(draft) && Number(draft.slice(0, 4)) >= 1900}
        />
        <div className="field">
          <label htmlFor={statusId}>{t('actions.statusLabel')}</label>
          <select
            id={statusId}
            value={action.status}
            onChange={(event) => {
              if (isActionStatus(event.target.value)) setActionStatus(doc, action.id, event.target.value)
            }}
          >
            {ACTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  )
}
