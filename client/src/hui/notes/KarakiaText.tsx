import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { hasKarakiaText } from '@hononga/shared'
import { Button } from '../../ui/Button'
import type { AgendaEntry } from '../agenda'
import './notes.css'

/**
 * The words of a karakia, as the facilitator typed or pasted them onto its agenda item, set
 * out line by line in large type to read together from the screen. Marked as te reo Māori
 * (`lang="mi"`) so screen readers say it as such. Renders nothing when there are no words.
 * `large` is for the projector (presentation mode).
 */
export function KarakiaText({ words, large, id }: { words: string; large?: boolean; id?: string }) {
  if (words.trim() === '') return null
  return (
    <div id={id} className={large ? 'karakia-text large' : 'karakia-text'} lang="mi">
      {words.split('\n').map((line, index) => (
        // Lines of a karakia never reorder: the index is their identity.
        <p key={index}>{line === '' ? '\u00a0' : line}</p>
      ))}
    </div>
  )
}

/**
 * "Show karakia": for a karakia item with words, a toggle that shows them on screen (and
 * hides them again), so nobody has them unasked in the middle of their plan.
 */
export function KarakiaToggle({ entry, large }: { entry: Pick<AgendaEntry, 'kind'> & { karakia: string }; large?: boolean }) {
  const { t } = useTranslation('hui')
  const [shown, setShown] = useState(false)
  const wordsId = useId()
  if (!hasKarakiaText(entry.kind) || entry.karakia.trim() === '') return null
  return (
    <div className="karakia-toggle">
      <Button className="btn-small" aria-expanded={shown} aria-controls={wordsId} onClick={() => setShown((value) => !value)}>
        {shown ? t('karakia.hide') : t('karakia.show')}
      </Button>
      {shown && <KarakiaText id={wordsId} words={entry.karakia} large={large} />}
    </div>
  )
}
