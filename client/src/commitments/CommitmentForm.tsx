import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_COMMITMENT_TEXT } from '@hononga/shared'
import { Button } from '../ui/Button'

/** Writes my partner's account (Police) or assessment (any other partner) of one commitment: plain text. */
export function CommitmentForm({
  id,
  label,
  initial,
  onSave,
  onWithdraw,
  onCancel,
}: {
  id: string
  label: string
  initial: string
  onSave: (text: string) => void
  /** Given when my partner has a record: withdraws it. */
  onWithdraw?: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation('partnership')
  const [text, setText] = useState(initial)
  const [problem, setProblem] = useState<string | null>(null)
  const area = useRef<HTMLTextAreaElement>(null)
  const base = useId()
  const errorId = `${base}-error`
  useEffect(() => area.current?.focus(), [])

  function submit(event: FormEvent) {
    event.preventDefault()
    const trimmed = text.trim()
    if (trimmed === '') return setProblem(t('commitments.empty'))
    if (trimmed.length > MAX_COMMITMENT_TEXT) return setProblem(t('commitments.tooLong', { max: MAX_COMMITMENT_TEXT }))
    onSave(trimmed)
  }

  return (
    <form id={id} className="commitment-form" onSubmit={submit} noValidate>
      <label htmlFor={`${base}-text`}>{label}</label>
      <textarea
        ref={area}
        id={`${base}-text`}
        rows={5}
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(event) => setText(event.target.value)}
      />
      {problem && (
        <p id={errorId} className="field-error">
          {problem}
        </p>
      )}
      <div className="commitment-form-buttons">
        <Button type="submit" variant="primary">
          {t('commitments.save')}
        </Button>
        {onWithdraw && (
          <Button type="button" onClick={onWithdraw}>
            {t('commitments.withdraw')}
          </Button>
        )}
        <Button type="button" onClick={onCancel}>
          {t('commitments.cancel')}
        </Button>
      </div>
    </form>
  )
}
