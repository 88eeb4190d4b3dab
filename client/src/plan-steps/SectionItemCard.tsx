import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_TITLE_CHARS, type SectionItemView } from '@hononga/shared'
import { AgreementPanel } from '../agreement/AgreementPanel'
import { EngagementField } from '../engagement/EngagementField'
import { CommentsPanel } from '../comments/CommentsPanel'
import { RichTextField } from '../editor/RichTextField'
import { YTextInput } from '../editor/YTextInput'
import { useYText } from '../editor/useYText'
import { WritingScope, type WritingTracker } from '../editor/writingScope'
import type { PlanSession } from '../sync/planSession'
import { AddedBy } from './AddedBy'
import { ItemControls, type MoveDirection } from './ItemControls'
import type { ItemListControls } from './useOrderedList'

/** Which list a section item belongs to: its strings live under this key of `steps`. */
export type SectionKind = 'focusAreas' | 'conditions'

/** What agreement and comments call each kind of section item. */
const SECTION_TARGET = { focusAreas: 'focusArea', conditions: 'condition' } as const

/** The id of an item's heading, for aria-labelledby and aria-describedby. */
export function itemHeadingId(id: string): string {
  return `plan-item-${id}`
}

type SectionItemCardProps = {
  kind: SectionKind
  /** 3 under the step's h2; 4 when the list sits under its own h3. */
  headingLevel: 3 | 4
  item: SectionItemView<string>
  index: number
  session: PlanSession
  canEdit: boolean
  autoFocus: boolean
  controls: ItemListControls<string>
  /** Which move button gets focus back after this item moved. */
  restoreFocus: MoveDirection | null
  /** Keeps what the person writes here, in case someone removes the item meanwhile. */
  writing?: WritingTracker
}

/** The same item: its view is read afresh on every render of the list, its shared texts are not. */
function sameProps(before: SectionItemCardProps, after: SectionItemCardProps): boolean {
  for (const key of Object.keys(after) as (keyof SectionItemCardProps)[]) {
    if (key === 'item') continue
    if (before[key] !== after[key]) return false
  }
  return before.item.id === after.item.id && before.item.title === after.item.title && before.item.description === after.item.description
}

/**
 * A focus area or a condition for success: its title and its description, edited together.
 * Viewers see the title as the card's heading and the description as text. Memoised: the
 * list re-rendering (an item added, moved) leaves the other cards alone.
 */
export const SectionItemCard = memo(function SectionItemCard({
  kind,
  item,
  index,
  session,
  canEdit,
  autoFocus,
  controls,
  headingLevel,
  restoreFocus,
  writing,
}: SectionItemCardProps) {
  const { t } = useTranslation('steps')
  const title = useYText(item.title)
  const shownTitle = title.trim() || t(`${kind}.untitled`)
  const headingId = itemHeadingId(item.id)
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  const card = (
    <article className="card item-card" aria-labelledby={headingId}>
      <div className="item-card-head">
        <Heading id={headingId} className={canEdit ? 'item-card-number' : 'item-card-title'}>
          {canEdit ? (
            <>
              {t(`${kind}.number`, { number: index + 1 })}
              <span className="visually-hidden">: {shownTitle}</span>
            </>
          ) : (
            shownTitle
          )}
        </Heading>
        {canEdit && (
          <ItemControls
            index={index}
            total={controls.total}
            describedBy={headingId}
            restoreFocus={restoreFocus}
            onFocusRestored={controls.onFocusRestored}
            onMove={(direction) => controls.onMove(item.id, direction)}
            onRemove={() => controls.onRemove(item.id)}
          />
        )}
      </div>
      <AddedBy doc={session.doc} kind={SECTION_TARGET[kind]} id={item.id} />
      {canEdit && (
        <YTextInput
          text={item.title}
          label={t(`${kind}.titleLabel`)}
          editable
          undoManager={session.undoManager}
          placeholder={t(`${kind}.titlePlaceholder`)}
          autoFocus={autoFocus}
          maxLength={MAX_TITLE_CHARS}
          wraps
          className="item-title-input"
        />
      )}
      <RichTextField
        fragment={item.description}
        session={session}
        editable={canEdit}
        label={t(`${kind}.description`, { title: shownTitle })}
        visibleLabel={t(`${kind}.descriptionVisible`)}
        hideLabel={!canEdit}
        placeholder={t(`${kind}.descriptionPlaceholder`)}
      />
      {kind === 'focusAreas' && <EngagementField target={{ kind: 'focusArea', id: item.id }} title={shownTitle} describedBy={headingId} />}
      <AgreementPanel target={{ kind: SECTION_TARGET[kind], id: item.id }} title={shownTitle} describedBy={headingId} />
      <CommentsPanel target={{ kind: SECTION_TARGET[kind], id: item.id }} title={shownTitle} describedBy={headingId} />
    </article>
  )
  return writing ? (
    <WritingScope tracker={writing} itemId={item.id} title={title}>
      {card}
    </WritingScope>
  ) : (
    card
  )
}, sameProps)
