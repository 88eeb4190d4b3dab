import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { agendaNotes, ensureAgendaNotes, PLAN_LIMITS } from '@hononga/shared'
import type * as Y from 'yjs'
import { YTextInput } from '../../editor/YTextInput'
import { useDocValue } from '../../sync/useDocValue'
import './notes.css'

/**
 * The notes of one agenda item: what was said, in the room's words, written together live
 * (a plain multi-line shared text, like any other plan content: every editor types into it,
 * viewers read it). They go into the minutes. `title` names the item for the field's label.
 *
 * Items made before notes existed have none: the first editor to open them creates them.
 */
export function AgendaNotes({
  doc,
  itemId,
  title,
  canEdit,
  className,
}: {
  doc: Y.Doc
  itemId: string
  title: string
  canEdit: boolean
  className?: string
}) {
  const { t } = useTranslation('hui')
  // The text itself never changes identity, so comparing by presence is enough.
  const notes = useDocValue(
    doc,
    (d) => agendaNotes(d, itemId),
    (text) => (text ? 'y' : 'n'),
  )
  useEffect(() => {
    if (!notes && canEdit) ensureAgendaNotes(doc, itemId)
  }, [notes, canEdit, doc, itemId])

  return (
    <div className={['agenda-notes', className].filter(Boolean).join(' ')} data-agenda-notes={itemId}>
      {notes ? (
        <YTextInput
          text={notes}
          label={t('notes.label', { title })}
          editable={canEdit}
          multiline
          className="agenda-notes-text"
          placeholder={canEdit ? t('notes.placeholder') : undefined}
          emptyText={t('notes.empty')}
          readOnlyAs="div"
          maxLength={PLAN_LIMITS.maxTextChars}
        />
      ) : (
        <p className="empty-note">{t('notes.empty')}</p>
      )}
    </div>
  )
}
