import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { listFocusAreas, listPriorityActions, MAX_RAISED_NOTE_CHARS, type RaiseItemBody } from '@hononga/shared'
import { useDocValue } from '../sync/useDocValue'
import { Button } from '../ui/Button'
import { SelectField, TextAreaField } from '../ui/Field'

/** The plan's focus areas and actions by title, to pick what to raise (`kind:id` values). */
function raisableItems(doc: Y.Doc): { value: string; kind: 'focusArea' | 'action'; title: string }[] {
  return [
    ...listFocusAreas(doc).map((area) => ({ value: `focusArea:${area.id}`, kind: 'focusArea' as const, title: area.title.toString() })),
    ...listPriorityActions(doc).map((action) => ({
      value: `action:${action.id}`,
      kind: 'action' as const,
      title: action.title.toString(),
    })),
  ]
}

/**
 * Raise an item of the plan with its district group, saying what is asked. It reaches the
 * group only once every partner consents to it (the list above shows who has).
 */
export function RaiseItemForm({ doc, busy, onRaise }: { doc: Y.Doc; busy: boolean; onRaise: (body: RaiseItemBody) => Promise<boolean> }) {
  const { t } = useTranslation('district')
  const items = useDocValue(doc, raisableItems)
  const [chosen, setChosen] = useState('')
  const [note, setNote] = useState('')
  const item = items.find((candidate) => candidate.value === chosen)

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (!item || note.trim() === '') return
    const id = item.value.slice(item.kind.length + 1)
    void onRaise({ target: { kind: item.kind, id }, note: note.trim() }).then((ok) => {
      if (!ok) return
      setChosen('')
      setNote('')
    })
  }

  if (items.length === 0) return <p className="plan-district-hint">{t('dialog.raise.noItems')}</p>
  return (
    <form className="raise-form" onSubmit={handleSubmit}>
      <p className="plan-district-hint">{t('dialog.raise.intro')}</p>
      <SelectField label={t('dialog.raise.item')} value={chosen} required onChange={(event) => setChosen(event.target.value)}>
        <option value="">{t('dialog.raise.chooseItem')}</option>
        {items.map((candidate) => (
          <option key={candidate.value} value={candidate.value}>
            {t(candidate.kind === 'focusArea' ? 'dialog.raise.focusArea' : 'dialog.raise.action', {
              title: candidate.title.trim() || t('untitled'),
            })}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('dialog.raise.note')}
        value={note}
        rows={3}
        required
        maxLength={MAX_RAISED_NOTE_CHARS}
        onChange={(event) => setNote(event.target.value)}
      />
      <Button type="submit" variant="primary" disabled={busy || !item || note.trim() === ''}>
        {t('dialog.raise.submit')}
      </Button>
    </form>
  )
}
