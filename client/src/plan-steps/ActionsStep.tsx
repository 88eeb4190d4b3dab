import { useTranslation } from 'react-i18next'
import {
  addPriorityAction,
  getPlanRoots,
  listMeasures,
  listPriorityActions,
  listProgressEntries,
  movePriorityAction,
  removePriorityAction,
  type ActionId,
} from '@hononga/shared'
import { ActionCard } from './ActionCard'
import { Announcer } from './Announcer'
import { ConfirmRemoveDialog } from './ConfirmRemoveDialog'
import { RemovedWhileWritingNotices, useRemovedWhileWriting } from './RemovedWhileWriting'
import { StepSection } from './StepSection'
import type { StepProps } from './types'
import { useItemListControls, useOrderedList } from './useOrderedList'
import { LONG_LIST, useProgressiveCount } from './useProgressiveCount'
import { useCollectionOrder } from './useYStructure'

/**
 * ROCC step 3: the priority actions partners agree on, each described as a results chain
 * (Activity → Output → Outcome → Impact), with who leads it, with whom, and by when.
 */
export function ActionsStep({ session, canEdit, members }: StepProps) {
  const { t } = useTranslation('steps')
  const doc = session.doc
  useCollectionOrder(getPlanRoots(doc).actions)
  const writing = useRemovedWhileWriting(session, getPlanRoots(doc).actions)
  const actions = listPriorityActions(doc)
  const titleOf = (id: ActionId) =>
    actions
      .find((action) => action.id === id)
      ?.title.toString()
      .trim() || t('actions.untitled')
  const list = useOrderedList<ActionId>({
    ids: actions.map((action) => action.id),
    titleOf,
    move: (id, after) => movePriorityAction(doc, id, { after }),
    remove: (id) => {
      writing.removing(id)
      removePriorityAction(doc, id)
    },
  })
  const controls = useItemListControls(list, actions.length)
  const shown = useProgressiveCount(actions.length)

  return (
    <StepSection labelKey="steps.actions" step="actions">
      <RemovedWhileWritingNotices kind="actions" removed={writing.removed} onDismiss={writing.dismiss} />
      {actions.length === 0 ? (
        <p className="empty-note">{t(canEdit ? 'actions.emptyEditable' : 'actions.empty')}</p>
      ) : (
        <ol className={actions.length > LONG_LIST ? 'item-list is-long' : 'item-list'}>
          {actions.slice(0, shown).map((action, index) => (
            <li key={action.id}>
              <ActionCard
                actionId={action.id}
                index={index}
                session={session}
                canEdit={canEdit}
                members={members}
                autoFocus={list.added === action.id}
                writing={writing.tracker}
                controls={controls}
                restoreFocus={list.restoreFocusFor(action.id)}
              />
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <button
          ref={list.addButton}
          type="button"
          className="btn btn-primary add-button"
          onClick={() => list.handleAdded(addPriorityAction(doc))}
        >
          <span aria-hidden="true">+</span> {t('actions.add')}
        </button>
      )}
      <Announcer message={list.announcement} />
      <ConfirmRemoveDialog
        open={list.removing !== null}
        title={list.removing !== null ? t('actions.removeTitle', { title: titleOf(list.removing) }) : ''}
        onCancel={() => list.askRemove(null)}
        onConfirm={list.handleConfirmRemove}
      >
        {list.removing !== null && (
          <p>
            {t('actions.removeBody', {
              measures: listMeasures(doc, list.removing).length,
              entries: listProgressEntries(doc, list.removing).length,
            })}
          </p>
        )}
      </ConfirmRemoveDialog>
    </StepSection>
  )
}
