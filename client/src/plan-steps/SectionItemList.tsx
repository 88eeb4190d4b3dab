import { useTranslation } from 'react-i18next'
import {
  addCondition,
  addFocusArea,
  getPlanRoots,
  listConditions,
  listFocusAreas,
  listPriorityActions,
  moveCondition,
  moveFocusArea,
  removeCondition,
  removeFocusArea,
  type ConditionId,
  type FocusAreaId,
  type SectionItemView,
} from '@hononga/shared'
import type * as Y from 'yjs'
import type { PlanSession } from '../sync/planSession'
import { Announcer } from './Announcer'
import { ConfirmRemoveDialog } from './ConfirmRemoveDialog'
import { RemovedWhileWritingNotices, useRemovedWhileWriting } from './RemovedWhileWriting'
import { SectionItemCard, type SectionKind } from './SectionItemCard'
import { useItemListControls, useOrderedList } from './useOrderedList'
import { LONG_LIST, useProgressiveCount } from './useProgressiveCount'
import { useCollectionOrder } from './useYStructure'

/** The shared mutators of each kind of section item, behind one shape. */
const OPERATIONS: Record<
  SectionKind,
  {
    collection: (doc: Y.Doc) => Y.Map<unknown>
    list: (doc: Y.Doc) => SectionItemView<string>[]
    add: (doc: Y.Doc) => string
    remove: (doc: Y.Doc, id: string) => void
    move: (doc: Y.Doc, id: string, after: string | null) => void
  }
> = {
  focusAreas: {
    collection: (doc) => getPlanRoots(doc).focusAreas,
    list: listFocusAreas,
    add: (doc) => addFocusArea(doc),
    remove: (doc, id) => removeFocusArea(doc, id as FocusAreaId),
    move: (doc, id, after) => moveFocusArea(doc, id as FocusAreaId, { after: after as FocusAreaId | null }),
  },
  conditions: {
    collection: (doc) => getPlanRoots(doc).conditions,
    list: listConditions,
    add: (doc) => addCondition(doc),
    remove: (doc, id) => removeCondition(doc, id as ConditionId),
    move: (doc, id, after) => moveCondition(doc, id as ConditionId, { after: after as ConditionId | null }),
  },
}

/**
 * An ordered list of focus areas or conditions for success, with add (at the end), remove
 * (confirmed) and move up/down. Re-renders only when items come, go or change places.
 */
export function SectionItemList({
  kind,
  session,
  canEdit,
  headingLevel = 3,
}: {
  kind: SectionKind
  session: PlanSession
  canEdit: boolean
  headingLevel?: 3 | 4
}) {
  const { t } = useTranslation('steps')
  const doc = session.doc
  const operations = OPERATIONS[kind]
  useCollectionOrder(operations.collection(doc))
  const writing = useRemovedWhileWriting(session, operations.collection(doc))
  const items = operations.list(doc)
  const ids = items.map((item) => item.id)
  const titleOf = (id: string) =>
    items
      .find((item) => item.id === id)
      ?.title.toString()
      .trim() || t(`${kind}.untitled`)
  const list = useOrderedList<string>({
    ids,
    titleOf,
    move: (id, after) => operations.move(doc, id, after),
    remove: (id) => {
      writing.removing(id)
      operations.remove(doc, id)
    },
  })

  const controls = useItemListControls(list, items.length)
  const shown = useProgressiveCount(items.length)

  const handleAdd = () => list.handleAdded(operations.add(doc))

  return (
    <div className="item-list-block">
      <RemovedWhileWritingNotices kind={kind} removed={writing.removed} onDismiss={writing.dismiss} />
      {items.length === 0 ? (
        <p className="empty-note">{t(canEdit ? `${kind}.emptyEditable` : `${kind}.empty`)}</p>
      ) : (
        <ol className={items.length > LONG_LIST ? 'item-list is-long' : 'item-list'}>
          {items.slice(0, shown).map((item, index) => (
            <li key={item.id}>
              <SectionItemCard
                kind={kind}
                item={item}
                index={index}
                session={session}
                canEdit={canEdit}
                headingLevel={headingLevel}
                autoFocus={list.added === item.id}
                writing={writing.tracker}
                controls={controls}
                restoreFocus={list.restoreFocusFor(item.id)}
              />
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <button ref={list.addButton} type="button" className="btn btn-primary add-button" onClick={handleAdd}>
          <span aria-hidden="true">+</span> {t(`${kind}.add`)}
        </button>
      )}
      <Announcer message={list.announcement} />
      <ConfirmRemoveDialog
        open={list.removing !== null}
        title={list.removing !== null ? t(`${kind}.removeTitle`, { title: titleOf(list.removing) }) : ''}
        onCancel={() => list.askRemove(null)}
        onConfirm={list.handleConfirmRemove}
      >
        {kind === 'focusAreas' && list.removing !== null && <LinkedActions doc={doc} focusAreaId={list.removing as FocusAreaId} />}
      </ConfirmRemoveDialog>
    </div>
  )
}

/** Which priority actions serve a focus area (they keep the link, shown nowhere, if it goes). */
function LinkedActions({ doc, focusAreaId }: { doc: Y.Doc; focusAreaId: FocusAreaId }) {
  const { t } = useTranslation('steps')
  const linked = listPriorityActions(doc).filter((action) => action.focusAreaIds.includes(focusAreaId))
  if (linked.length === 0) return <p>{t('focusAreas.noLinkedActions')}</p>
  return (
    <>
      <p>{t('focusAreas.linkedActions', { count: linked.length })}</p>
      <ul>
        {linked.map((action) => (
          <li key={action.id}>{action.title.toString().trim() || t('actions.untitled')}</li>
        ))}
      </ul>
    </>
  )
}
