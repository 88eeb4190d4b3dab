import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { listAgenda } from '@hononga/shared'
import type * as Y from 'yjs'
import { useDocValue } from '../../sync/useDocValue'
import { useAgendaTitle } from '../useAgendaTitle'
import type { HuiModel } from '../useHui'
import { AgendaNotes } from './AgendaNotes'
import { KarakiaToggle } from './KarakiaText'

/** The words of agenda item `itemId`'s karakia ('' when none), read live from the document. */
export function useKarakiaWords(doc: Y.Doc, itemId: string | null): string {
  return useDocValue(doc, (d) => (itemId === null ? '' : (listAgenda(d).find((item) => item.id === itemId)?.karakia ?? '')), String)
}

/**
 * While a hui runs: the current agenda item's notes, editable by every editor, and for a
 * karakia item with words, "Show karakia". Made to sit under the current item in the hui
 * bar (and used at the top of the agenda); renders nothing when no item is current.
 */
export function CurrentItemNotes({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const titleOf = useAgendaTitle()
  const headingId = useId()
  const current = hui.state.active ? hui.current : null
  const karakia = useKarakiaWords(hui.session.doc, current?.id ?? null)
  if (!current) return null
  const title = titleOf(current)
  return (
    <section className="current-item-notes" aria-labelledby={headingId} data-current-notes={current.id}>
      <h3 id={headingId}>{t('notes.currentHeading', { title })}</h3>
      <KarakiaToggle entry={{ kind: current.kind, karakia }} />
      <AgendaNotes doc={hui.session.doc} itemId={current.id} title={title} canEdit={hui.canEdit} />
    </section>
  )
}
