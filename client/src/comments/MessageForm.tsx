import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_COMMENT_LENGTH } from '@hononga/shared'
import { Button } from '../ui/Button'
import { commentProblem, type CommentProblem } from './threads'

/**
 * A message to send (a new thread, a reply): a labelled text area and a submit button. Says
 * what is wrong next to the field (announced, focus kept there); empties itself once sent.
 */
export function MessageForm({
  label,
  submit,
  describedBy,
  rows = 3,
  extra,
  onSend,
}: {
  label: string
  submit: string
  /** Extra description of the submit button (which thread a reply goes to). */
  describedBy?: string
  rows?: number
  /** More buttons beside the submit button. */
  extra?: ReactNode
  onSend: (text: string) => boolean
}) {
  const { t } = useTranslation('comments')
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<CommentProblem | null>(null)
  const id = useId()
  const errorId = `${id}-error`

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found = commentProblem(text)
    setProblem(found)
    if (found) {
      document.getElementById(id)?.focus()
      return
    }
    if (onSend(text.trim())) setText('')
  }

  return (
    <form className="message-form" noValidate onSubmit={handleSubmit}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {problem && (
          <p id={errorId} className="field-error" role="alert">
            {t(`problems.${problem}`)}
          </p>
        )}
        <textarea
          id={id}
          rows={rows}
          value={text}
          maxLength={MAX_COMMENT_LENGTH + 200}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          onChange={(event) => {
            setText(event.target.value)
            if (problem) setProblem(null)
          }}
        />
      </div>
      <div className="form-buttons">
        <Button type="submit" variant="primary" className="btn-small" aria-describedby={describedBy}>
          {submit}
        </Button>
        {extra}
      </div>
    </form>
  )
}
