import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { RaisedItem } from '@hononga/shared'
import { api } from '../api/client'
import { useDateFormat } from '../i18n/dates'
import { Button } from '../ui/Button'
import { SelectField, TextAreaField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { useErrorMessage } from './errors'

/** What a raised item is about, its note, who raised it when, its status and the district's answer. */
export function RaisedItemFacts({ item }: { item: RaisedItem }) {
  const { t } = useTranslation('district')
  const format = useDateFormat()
  const raisedAt = format.dateTime(item.raisedAt)
  return (
    <>
      <p className="raised-title">
        <span className="raised-kind">{t(`raised.kinds.${item.target.kind}`)}: </span>
        <strong>{item.title.trim() || t('untitled')}</strong>{' '}
        <span className={`raised-status raised-${item.status}`}>
          {t('raised.statusLabel', { status: t(`raised.status.${item.status}`) })}
        </span>
      </p>
      <p className="raised-note">{item.note}</p>
      <p className="raised-meta">
        {item.raisedByName ? t('raised.by', { name: item.raisedByName, date: raisedAt }) : t('raised.byUnknown', { date: raisedAt })}
      </p>
      {item.answer ? (
        <div className="raised-answer">
          <p className="raised-answer-head">{t('raised.answer')}</p>
          <p className="raised-note">{item.answer}</p>
          {item.answeredAt && (
            <p className="raised-meta">
              {item.answeredByName
                ? t('raised.answeredBy', { name: item.answeredByName, date: format.dateTime(item.answeredAt) })
                : t('raised.answeredUnknown', { date: format.dateTime(item.answeredAt) })}
            </p>
          )}
        </div>
      ) : (
        <p className="raised-meta">{t('raised.noAnswer')}</p>
      )}
    </>
  )
}

/**
 * The items a shared plan raised with the district, as the group sees them, each with a form
 * to answer it (or close it): the plan's members see the answer in their District dialog.
 */
export function RaisedForDistrict({ groupId, items, onAnswered }: { groupId: string; items: RaisedItem[]; onAnswered: () => void }) {
  const { t } = useTranslation('district')
  if (items.length === 0) return <p className="empty-note">{t('raised.none')}</p>
  return (
    <ul className="raised-list">
      {items.map((item) => (
        <li key={item.id} className="raised-item">
          <RaisedItemFacts item={item} />
          <AnswerForm groupId={groupId} item={item} onAnswered={onAnswered} />
        </li>
      ))}
    </ul>
  )
}

function AnswerForm({ groupId, item, onAnswered }: { groupId: string; item: RaisedItem; onAnswered: () => void }) {
  const { t } = useTranslation('district')
  const message = useErrorMessage()
  const [answer, setAnswer] = useState(item.answer ?? '')
  const [status, setStatus] = useState<'answered' | 'closed'>(item.status === 'closed' ? 'closed' : 'answered')
  const [sending, setSending] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const id = useId()

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    setSending(true)
    api.answerRaised(groupId, item.id, { answer, status }).then(
      () => {
        setSending(false)
        setResult({ ok: true, text: t('raised.sent') })
        onAnswered()
      },
      (error: unknown) => {
        setSending(false)
        setResult({ ok: false, text: message(error) })
      },
    )
  }

  return (
    <form className="raised-answer-form" aria-labelledby={`${id}-label`} onSubmit={handleSubmit}>
      <p id={`${id}-label`} className="visually-hidden">
        {t('raised.answerLabel')}: {item.title.trim() || t('untitled')}
      </p>
      <TextAreaField label={t('raised.answerLabel')} value={answer} rows={3} maxLength={2000} onChange={(e) => setAnswer(e.target.value)} />
      <div className="raised-answer-row">
        <SelectField
          label={t('raised.markAs')}
          value={status}
          onChange={(e) => setStatus(e.target.value === 'closed' ? 'closed' : 'answered')}
        >
          <option value="answered">{t('raised.status.answered')}</option>
          <option value="closed">{t('raised.status.closed')}</option>
        </SelectField>
        <Button type="submit" variant="primary" disabled={sending}>
          {t('raised.send')}
        </Button>
      </div>
      {result && <Notice kind={result.ok ? 'success' : 'error'}>{result.text}</Notice>}
    </form>
  )
}
