import { useId, useState, type ChangeEvent, type InputHTMLAttributes, type KeyboardEvent } from 'react'
import { useWritingReporter } from '../editor/writingScope'
import { asOneLine } from '../editor/YTextInput'

/**
 * A labelled input for a plain value of the plan (a lead's name, partners, a measure's
 * target) that is stored whole, last writer wins. The person edits a draft; it is written
 * when they leave the field or press Enter (Escape puts the stored value back), so the
 * document gets one change per edit rather than one per keystroke, and a value someone else
 * sets meanwhile shows as soon as this person is not editing it. Inside a WritingScope, the
 * draft is reported, so it is kept if someone else removes the item meanwhile.
 */
export function CommitField({
  label,
  value,
  onCommit,
  hint,
  className,
  commitEarly,
  wraps,
  ...input
}: {
  label: string
  value: string
  /** Writes the new value; throwing puts the stored value back. */
  onCommit: (next: string) => void
  hint?: string
  className?: string
  /** Whether a draft is complete enough to write at once, before the person leaves the field. */
  commitEarly?: (draft: string) => boolean
  /** A long value (a list of organisations) wraps onto more lines rather than scrolling out of sight. */
  wraps?: boolean
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onBlur' | 'onFocus' | 'defaultValue'>) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const [draft, setDraft] = useState<string | null>(null)
  const writing = useWritingReporter(label)

  const commit = (next: string | null) => {
    if (next === null || next === value) return
    try {
      onCommit(next)
    } catch {
      setDraft(value)
    }
  }

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      commit(draft)
    } else if (event.key === 'Escape' && draft !== null && draft !== value) {
      event.preventDefault()
      setDraft(value)
    }
  }

  const events = {
    value: draft ?? value,
    onFocus: () => {
      setDraft(value)
      writing.focused(value)
    },
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const next = wraps ? asOneLine(event.target.value) : event.target.value
      setDraft(next)
      writing.typed(next)
      if (commitEarly?.(next)) commit(next)
    },
    onBlur: () => {
      commit(draft)
      setDraft(null)
      writing.blurred()
    },
    onKeyDown: handleKeyDown,
  }

  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {wraps ? (
        // One line of text that wraps (Enter still writes it): sized to its content (editor.css).
        <textarea id={id} aria-describedby={hintId} rows={1} autoComplete={input.autoComplete} className="commit-wraps" {...events} />
      ) : (
        <input id={id} aria-describedby={hintId} {...input} {...events} />
      )}
    </div>
  )
}
