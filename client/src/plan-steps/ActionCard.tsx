import { memo, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { getPriorityAction, MAX_TITLE_CHARS, type ActionId, type Member } from '@hononga/shared'
import { AgreementPanel } from '../agreement/AgreementPanel'
import { EngagementField } from '../engagement/EngagementField'
import { CommentsPanel } from '../comments/CommentsPanel'
import { YTextInput } from '../editor/YTextInput'
import { useYText } from '../editor/useYText'
import { WritingScope, type WritingTracker } from '../editor/writingScope'
import type { PlanSession } from '../sync/planSession'
import { AddedBy } from './AddedBy'
import { ActionDetails } from './ActionDetails'
import { ItemControls, type MoveDirection } from './ItemControls'
import { ResultsChain } from './ResultsChain'
import { itemHeadingId } from './SectionItemCard'
import { StatusBadge } from './StatusBadge'
import type { ItemListControls } from './useOrderedList'
import { useYStructure } from './useYStructure'
import './actions.css'

/**
 * One priority action: its title, its results chain at the centre, and around it the focus
 * areas it serves, lead, partners, due date and status. Re-renders when the action's values
 * change, not while people type in it (the text fields update themselves), nor when the list
 * around it re-renders (memoised; its props stay the same objects).
 */
export const ActionCard = memo(function ActionCard({
  actionId,
  index,
  session,
  canEdit,
  members,
  autoFocus,
  controls,
  restoreFocus,
  writing,
}: {
  actionId: ActionId
  index: number
  session: PlanSession
  canEdit: boolean
  members: Member[]
  autoFocus: boolean
  controls: ItemListControls<ActionId>
  /** Which move button gets focus back after this action moved. */
  restoreFocus: MoveDirection | null
  /** Keeps what the person writes here, in case someone removes the action meanwhile. */
  writing?: WritingTracker
}) {
  const { t } = useTranslation('steps')
  const doc = session.doc
  const action = getPriorityAction(doc, actionId)
  useYStructure(action?.map)
  const title = useYText(action?.title)
  const shownTitle = title.trim() || t('actions.untitled')
  const { activity, output, outcome, impact } = action ?? {}
  const parts = useMemo(
    () => (activity && output && outcome && impact ? { activity, output, outcome, impact } : null),
    [activity, output, outcome, impact],
  )
  // Removed on another device while this card was on its way out.
  if (!action || !parts) return null

  const headingId = itemHeadingId(action.id)
  const card = (
    <article className="card item-card action-card" aria-labelledby={headingId}>
      <div className="item-card-head">
        <h3 id={headingId} className={canEdit ? 'item-card-number' : 'item-card-title'}>
          {canEdit ? (
            <>
              {t('actions.number', { number: index + 1 })}
              <span className="visually-hidden">: {shownTitle}</span>
            </>
          ) : (
            shownTitle
          )}
        </h3>
        <StatusBadge status={action.status} prefix />
        {canEdit && (
          <ItemControls
            index={index}
            total={controls.total}
            describedBy={headingId}
            restoreFocus={restoreFocus}
            onFocusRestored={controls.onFocusRestored}
            onMove={(direction) => controls.onMove(actionId, direction)}
            onRemove={() => controls.onRemove(actionId)}
          />
        )}
      </div>
      <AddedBy doc={doc} kind="action" id={action.id} />
      {canEdit && (
        <YTextInput
          text={action.title}
          label={t('actions.titleLabel')}
          editable
          undoManager={session.undoManager}
          placeholder={t('actions.titlePlaceholder')}
          autoFocus={autoFocus}
          maxLength={MAX_TITLE_CHARS}
          wraps
          className="item-title-input"
        />
      )}
      <ResultsChain parts={parts} title={shownTitle} session={session} canEdit={canEdit} />
      <ActionDetails doc={doc} action={action} canEdit={canEdit} members={members} />
      <EngagementField target={{ kind: 'action', id: action.id }} title={shownTitle} describedBy={headingId} />
      <AgreementPanel target={{ kind: 'action', id: action.id }} title={shownTitle} describedBy={headingId} />
      <CommentsPanel target={{ kind: 'action', id: action.id }} title={shownTitle} describedBy={headingId} />
    </article>
  )
  return writing ? (
    <WritingScope tracker={writing} itemId={action.id} title={title}>
      {card}
    </WritingScope>
  ) : (
    card
  )
})
