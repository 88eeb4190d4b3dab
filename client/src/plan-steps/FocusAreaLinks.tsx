import { useTranslation } from 'react-i18next'
import {
  getPlanRoots,
  linkFocusArea,
  listFocusAreas,
  unlinkFocusArea,
  type ActionId,
  type FocusAreaId,
  type FocusAreaView,
} from '@hononga/shared'
import type * as Y from 'yjs'
import { useYText } from '../editor/useYText'
import { useCollectionOrder } from './useYStructure'

/**
 * The focus areas a priority action serves, to choose: a checkbox per focus area, by title.
 * The link stores the id, so renaming or reordering focus areas keeps it.
 */
export function FocusAreaLinks({ doc, actionId, linked }: { doc: Y.Doc; actionId: ActionId; linked: readonly FocusAreaId[] }) {
  const { t } = useTranslation('steps')
  useCollectionOrder(getPlanRoots(doc).focusAreas)
  const focusAreas = listFocusAreas(doc)

  const handleToggle = (focusAreaId: FocusAreaId, checked: boolean) => {
    if (checked) linkFocusArea(doc, actionId, focusAreaId)
    else unlinkFocusArea(doc, actionId, focusAreaId)
  }

  return (
    <fieldset className="action-field focus-area-links">
      <legend className="action-field-label">{t('actions.focusAreas')}</legend>
      {focusAreas.length === 0 ? (
        <p className="empty-note">{t('actions.noFocusAreasYet')}</p>
      ) : (
        <ul className="checkbox-list">
          {focusAreas.map((focusArea) => (
            <li key={focusArea.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={linked.includes(focusArea.id)}
                  onChange={(event) => handleToggle(focusArea.id, event.target.checked)}
                />
                <FocusAreaTitle focusArea={focusArea} />
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  )
}

/** The titles of the focus areas a priority action serves, for reading. */
export function LinkedFocusAreas({ doc, linked }: { doc: Y.Doc; linked: readonly FocusAreaId[] }) {
  const { t } = useTranslation('steps')
  useCollectionOrder(getPlanRoots(doc).focusAreas)
  const served = listFocusAreas(doc).filter((focusArea) => linked.includes(focusArea.id))
  if (served.length === 0) return <span className="empty-note">{t('actions.noFocusAreasLinked')}</span>
  return (
    <ul className="chip-list">
      {served.map((focusArea) => (
        <li key={focusArea.id} className="chip">
          <FocusAreaTitle focusArea={focusArea} />
        </li>
      ))}
    </ul>
  )
}

function FocusAreaTitle({ focusArea }: { focusArea: FocusAreaView }) {
  const { t } = useTranslation('steps')
  const title = useYText(focusArea.title)
  return <span>{title.trim() || t('focusAreas.untitled')}</span>
}
