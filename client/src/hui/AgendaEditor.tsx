import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { addDefaultAgenda, hasKarakiaText, moveAgendaItem, removeAgendaItem, updateAgendaItem } from '@hononga/shared'
import type * as Y from 'yjs'
import { Announcer } from '../plan-steps/Announcer'
import { CommitField } from '../plan-steps/CommitField'
import { ConfirmRemoveDialog } from '../plan-steps/ConfirmRemoveDialog'
import { ItemControls } from '../plan-steps/ItemControls'
import { useOrderedList } from '../plan-steps/useOrderedList'
import { Button } from '../ui/Button'
import type { AgendaEntry } from './agenda'
import { AddFreeItem, AddPlanItem, parseMinutes } from './AgendaAddForms'
import { AgendaNotes } from './notes/AgendaNotes'
import { CurrentItemNotes, useKarakiaWords } from './notes/CurrentItemNotes'
import { KarakiaField } from './notes/KarakiaField'
import { useAgendaTitle } from './useAgendaTitle'
import type { HuiModel } from './useHui'

/** "1 h 35 min" for the agenda's total. */
function useDuration(): (minutes: number) => string {
  const { t } = useTranslation('hui')
  return (minutes) => {
    const hours = Math.floor(minutes / 60)
    const rest = minutes % 60
    if (hours === 0) return t('agenda.minutesShort', { count: rest })
    return rest === 0
      ? t('agenda.hoursShort', { count: hours })
      : `${t('agenda.hoursShort', { count: hours })} ${t('agenda.minutesShort', { count: rest })}`
  }
}

/**
 * The hui's agenda. Facilitators build it: the usual agenda in one go (karakia, mihi,
 * whakawhanaungatanga, the four ROCC steps, closing karakia), free items and chosen plan
 * items, each with its minutes, in any order, and the words of each karakia. Everyone else
 * reads it. While the hui runs, the current item's notes come first; every item's notes
 * (what was said there) open under it, for every editor to write.
 */
export function AgendaEditor({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  const duration = useDuration()
  const doc = hui.session.doc
  const agenda = hui.agenda
  const total = agenda.reduce((sum, entry) => sum + (entry.durationMinutes ?? 0), 0)
  const list = useOrderedList<string>({
    ids: agenda.map((entry) => entry.id),
    titleOf: (id) => {
      const entry = agenda.find((e) => e.id === id)
      return entry ? titleOf(entry) : ''
    },
    move: (id, after) => moveAgendaItem(doc, id, { after }),
    remove: (id) => removeAgendaItem(doc, id),
  })
  const [added, setAdded] = useState('')

  if (!hui.isFacilitator) {
    return agenda.length === 0 ? (
      <p className="empty-note">{t('agenda.emptyReadOnly')}</p>
    ) : (
      <>
        <CurrentItemNotes hui={hui} />
        <ol className="agenda-read-list">
          {agenda.map((entry) => (
            <li key={entry.id} aria-current={entry.id === hui.state.currentItemId && hui.state.active ? 'step' : undefined}>
              <span>{titleOf(entry)}</span>
              {entry.durationMinutes !== null && (
                <span className="agenda-minutes"> · {t('agenda.minutesShort', { count: entry.durationMinutes })}</span>
              )}
              <NotesFold hui={hui} entry={entry} />
            </li>
          ))}
        </ol>
        {total > 0 && <p className="agenda-total">{t('agenda.total', { duration: duration(total) })}</p>}
      </>
    )
  }

  const removing = list.removing === null ? null : (agenda.find((entry) => entry.id === list.removing) ?? null)
  return (
    <div className="agenda-editor">
      {agenda.length === 0 ? (
        <div className="agenda-empty">
          <p>{t('agenda.empty')}</p>
          <Button variant="primary" onClick={() => addDefaultAgenda(doc)}>
            {t('agenda.useUsual')}
          </Button>
          <p className="field-hint">{t('agenda.usualHint')}</p>
        </div>
      ) : (
        <>
          <CurrentItemNotes hui={hui} />
          <ol className="agenda-list">
            {agenda.map((entry, index) => (
              <AgendaRow
                key={entry.id}
                hui={hui}
                doc={doc}
                entry={entry}
                index={index}
                total={agenda.length}
                current={hui.state.active && entry.id === hui.state.currentItemId}
                restoreFocus={list.restoreFocusFor(entry.id)}
                onFocusRestored={list.handleFocusRestored}
                onMove={(direction) => list.handleMove(entry.id, direction)}
                onRemove={() => list.askRemove(entry.id)}
              />
            ))}
          </ol>
          <p className="agenda-total">{t('agenda.total', { duration: duration(total) })}</p>
        </>
      )}
      <AddFreeItem doc={doc} onAdded={(title) => setAdded(t('agenda.added', { title }))} />
      <AddPlanItem doc={doc} onAdded={(title) => setAdded(t('agenda.added', { title }))} />
      <Announcer message={added || list.announcement} />
      <ConfirmRemoveDialog
        open={removing !== null}
        title={removing ? t('agenda.removeTitle', { title: titleOf(removing) }) : ''}
        onCancel={() => list.askRemove(null)}
        onConfirm={list.handleConfirmRemove}
      />
    </div>
  )
}

/** An item's notes, folded away under it (the current item's show above the agenda). */
function NotesFold({ hui, entry }: { hui: HuiModel; entry: AgendaEntry }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  if (hui.state.active && entry.id === hui.state.currentItemId) return null
  return (
    <details className="agenda-notes-fold">
      <summary>{t('notes.fold', { title: titleOf(entry) })}</summary>
      <AgendaNotes doc={hui.session.doc} itemId={entry.id} title={titleOf(entry)} canEdit={hui.canEdit} />
    </details>
  )
}

function AgendaRow({
  hui,
  doc,
  entry,
  index,
  total,
  current,
  restoreFocus,
  onFocusRestored,
  onMove,
  onRemove,
}: {
  hui: HuiModel
  doc: Y.Doc
  entry: AgendaEntry
  index: number
  total: number
  current: boolean
  restoreFocus: 'up' | 'down' | null
  onFocusRestored: () => void
  onMove: (direction: 'up' | 'down') => void
  onRemove: () => void
}) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  const headingId = useId()
  const usual = titleOf({ ...entry, title: '' })
  const karakia = useKarakiaWords(doc, hasKarakiaText(entry.kind) ? entry.id : null)
  return (
    <li className={current ? 'agenda-row current' : 'agenda-row'} aria-current={current ? 'step' : undefined}>
      <div className="agenda-row-head">
        <h3 id={headingId} className="agenda-row-title">
          <span className="agenda-row-number">{t('agenda.number', { number: index + 1 })}</span> {titleOf(entry)}
          {current && <span className="agenda-row-now"> · {t('bar.currentItem')}</span>}
        </h3>
        <ItemControls
          index={index}
          total={total}
          describedBy={headingId}
          restoreFocus={restoreFocus}
          onFocusRestored={onFocusRestored}
          onMove={onMove}
          onRemove={onRemove}
        />
      </div>
      <div className="agenda-row-fields">
        <CommitField
          label={t('agenda.itemTitle')}
          value={entry.title}
          placeholder={usual}
          aria-describedby={headingId}
          maxLength={200}
          onCommit={(title) => updateAgendaItem(doc, entry.id, { title })}
        />
        <CommitField
          className="agenda-minutes-field"
          label={t('agenda.minutes')}
          type="number"
          min={0}
          max={1440}
          step={1}
          inputMode="numeric"
          aria-describedby={headingId}
          value={entry.durationMinutes === null ? '' : String(entry.durationMinutes)}
          onCommit={(text) => updateAgendaItem(doc, entry.id, { durationMinutes: parseMinutes(text) })}
        />
      </div>
      {hasKarakiaText(entry.kind) && <KarakiaField doc={doc} itemId={entry.id} words={karakia} title={titleOf(entry)} />}
      <NotesFold hui={hui} entry={entry} />
    </li>
  )
}
