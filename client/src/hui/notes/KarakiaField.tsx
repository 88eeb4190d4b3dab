import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_KARAKIA_CHARS, updateAgendaItem } from '@hononga/shared'
import type * as Y from 'yjs'
import { TextAreaField } from '../../ui/Field'

/**
 * Where a facilitator types or pastes a karakia's words onto its agenda item (nothing is
 * shipped as content: each rohe has its own). Written when they leave the field, one change
 * per edit; words another facilitator saves meanwhile show once this one is not editing.
 */
export function KarakiaField({ doc, itemId, words, title }: { doc: Y.Doc; itemId: string; words: string; title: string }) {
  const { t } = useTranslation('hui')
  const [draft, setDraft] = useState<string | null>(null)
  // Someone else's save replaces what shows, unless this person is mid-edit.
  useEffect(() => {
    if (draft === words) setDraft(null)
  }, [draft, words])
  const handleBlur = () => {
    if (draft === null) return
    if (draft !== words) updateAgendaItem(doc, itemId, { karakia: draft })
    setDraft(null)
  }
  return (
    <TextAreaField
      className="karakia-field"
      label={t('karakia.words', { title })}
      hint={t('karakia.wordsHint')}
      rows={4}
      lang="mi"
      maxLength={MAX_KARAKIA_CHARS}
      value={draft ?? words}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={handleBlur}
    />
  )
}
