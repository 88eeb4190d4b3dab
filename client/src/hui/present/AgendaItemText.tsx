import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { usePlanItems } from '../../agreement/PlanItemsContext'
import type { AgendaEntry } from '../agenda'
import { KarakiaText } from '../notes/KarakiaText'

/**
 * The words shown on screen for an agenda item that is not a plan item: a karakia's words, as
 * the facilitator typed or pasted them (large, line by line, marked as te reo Māori), and the
 * notes written for the item during the hui. Both read live from the plan.
 */
export function AgendaItemText({ entry }: { entry: AgendaEntry }) {
  const { t } = useTranslation('hui')
  const items = usePlanItems()
  const plan = useSyncExternalStore(items?.store.subscribe ?? (() => () => {}), items?.store.currentPlan ?? (() => null))
  const item = plan?.hui.agenda.find((candidate) => candidate.id === entry.id)
  if (!item) return null
  return (
    <>
      <KarakiaText words={item.karakia} large />
      {item.notes.trim() !== '' && (
        <section className="present-notes" aria-label={t('notes.presentedLabel')}>
          {item.notes.split('\n').map((line, index) => (
            // Lines of the notes are shown in order; the index is their identity here.
            <p key={index}>{line === '' ? '\u00a0' : line}</p>
          ))}
        </section>
      )}
    </>
  )
}
