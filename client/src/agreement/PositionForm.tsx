import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { AGREEMENT_POSITIONS, type AgreementPosition } from '@hononga/shared'
import { Button } from '../ui/Button'
import { commentRequired, MAX_POSITION_COMMENT, positionProblem, type PositionProblem } from './glance'

/**
 * Records the position of the partner I speak for: agree, agree with concerns, not yet or
 * object (a radio group in a fieldset), with a comment, required when there are concerns or
 * an objection. Opens with the first choice (or the position held now) focused.
 */
export function PositionForm({
  id,
  partner,
  title,
  initial,
  onSave,
  onWithdraw,
  onCancel,
}: {
  id: string
  /** The partner's name, as shown. */
  partner: string
  /** The item's title, for the legend. */
  title: string
  initial: { position: AgreementPosition; comment: string } | null
  onSave: (position: AgreementPosition, comment: string) => void
  /** Given when the partner has a position recorded: withdraws it. */
  onWithdraw?: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation('agreement')
  const [position, setPosition] = useState<AgreementPosition | null>(initial?.position ?? null)
  const [comment, setComment] = useState(initial?.comment ?? '')
  const [problem, setProblem] = useState<PositionProblem | null>(null)
  const fieldsetRef = useRef<HTMLFieldSetElement>(null)
  const commentRef = useRef<HTMLTextAreaElement>(null)
  const base = useId()
  const hintId = `${base}-hint`
  const positionErrorId = `${base}-position-error`
  const commentErrorId = `${base}-comment-error`

  useEffect(() => {
    const radios = fieldsetRef.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]')
    const checked = [...(radios ?? [])].find((radio) => radio.checked)
    ;(checked ?? radios?.[0])?.focus()
  }, [])

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found = positionProblem(position, comment)
    setProblem(found)
    if (found === 'choosePosition') fieldsetRef.current?.querySelector<HTMLInputElement>('input')?.focus()
    else if (found) commentRef.current?.focus()
    else onSave(position!, comment.trim())
  }

  const commentError = problem === 'commentRequired' || problem === 'commentTooLong' ? t(`problems.${problem}`) : null
  return (
    <form id={id} className="position-form" noValidate onSubmit={handleSubmit}>
      <fieldset
        ref={fieldsetRef}
        className="position-choices"
        aria-describedby={problem === 'choosePosition' ? positionErrorId : undefined}
      >
        <legend>{t('form.legend', { partner, title })}</legend>
        {problem === 'choosePosition' && (
          <p id={positionErrorId} className="field-error">
            {t('problems.choosePosition')}
          </p>
        )}
        {AGREEMENT_POSITIONS.map((choice) => (
          <label key={choice} className="position-choice">
            <input
              type="radio"
              name={`${base}-position`}
              value={choice}
              checked={position === choice}
              onChange={() => {
                setPosition(choice)
                if (problem === 'choosePosition') setProblem(null)
              }}
            />
            <span>{t(`positions.${choice}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${base}-comment`}>{t('form.comment')}</label>
        <p id={hintId} className="field-hint">
          {t('form.commentHint')}
        </p>
        {commentError && (
          <p id={commentErrorId} className="field-error">
            {commentError}
          </p>
        )}
        <textarea
          ref={commentRef}
          id={`${base}-comment`}
          rows={3}
          value={comment}
          maxLength={MAX_POSITION_COMMENT + 200}
          required={commentRequired(position)}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={[hintId, commentError ? commentErrorId : null].filter(Boolean).join(' ')}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      <div className="form-buttons">
        <Button type="submit" variant="primary">
          {t('form.save')}
        </Button>
        {onWithdraw && <Button onClick={onWithdraw}>{t('form.withdraw', { partner })}</Button>}
        <Button onClick={onCancel}>{t('form.cancel')}</Button>
      </div>
    </form>
  )
}
