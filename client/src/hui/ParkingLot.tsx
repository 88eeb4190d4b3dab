import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { parkTopic, setParkedResolved, type ParkedTopic } from '@hononga/shared'
import { DateTime } from '../i18n/dates'
import { Announcer } from '../plan-steps/Announcer'
import { useDocValue } from '../sync/useDocValue'
import { Button } from '../ui/Button'
import { readParkingLot } from './agenda'
import type { HuiModel } from './useHui'

const MAX_TOPIC = 1000

/**
 * The parking lot: topics raised at the hui that would take it off course, kept to come
 * back to. Anyone who can edit parks one; facilitators mark them dealt with. Kept after
 * the hui too (the minutes list what was parked).
 */
export function ParkingLot({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const doc = hui.session.doc
  const topics = useDocValue(doc, readParkingLot)
  const openCount = topics.filter((topic) => !topic.resolved).length
  const [announcement, setAnnouncement] = useState('')
  const headingId = useId()

  return (
    <div className="parking-lot">
      <p className="field-hint">{t('parking.help')}</p>
      {hui.canEdit && <ParkForm hui={hui} onParked={() => setAnnouncement(t('parking.parked'))} />}
      <h3 id={headingId}>
        {t('parking.listHeading')}{' '}
        <span className="parked-counts">{t('parking.counts', { open: openCount, done: topics.length - openCount })}</span>
      </h3>
      {topics.length === 0 ? (
        <p className="empty-note">{t('parking.none')}</p>
      ) : (
        // One list in the order topics were parked: marking one dealt with does not move it
        // (or the keyboard focus on its checkbox).
        <TopicList topics={topics} labelledBy={headingId} hui={hui} onChanged={setAnnouncement} />
      )}
      <Announcer message={announcement} />
    </div>
  )
}

function ParkForm({ hui, onParked }: { hui: HuiModel; onParked: () => void }) {
  const { t } = useTranslation('hui')
  const fieldId = useId()
  const errorId = useId()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (text.trim() === '') {
      setError(t('parking.errorEmpty'))
      return
    }
    parkTopic(hui.session.doc, { text, userId: hui.me.id, userName: hui.me.name, huiId: hui.state.huiId })
    setText('')
    setError(null)
    onParked()
  }
  return (
    <form className="park-form" onSubmit={handleSubmit} noValidate>
      <div className="field">
        <label htmlFor={fieldId}>{t('parking.topic')}</label>
        {error && (
          <p id={errorId} className="field-error">
            {error}
          </p>
        )}
        <textarea
          id={fieldId}
          rows={2}
          maxLength={MAX_TOPIC}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <Button type="submit" variant="primary">
        {t('parking.park')}
      </Button>
    </form>
  )
}

function TopicList({ topics, labelledBy, hui, onChanged }: { topics: ParkedTopic[]; labelledBy: string; hui: HuiModel; onChanged: (message: string) => void }) {
  const { t } = useTranslation('hui')
  return (
    <ul className="parked-list" aria-labelledby={labelledBy}>
      {topics.map((topic) => (
        <li key={topic.id} className={topic.resolved ? 'parked-topic resolved' : 'parked-topic'}>
          <p id={`parked-${topic.id}`} className="parked-text">
            {topic.text}
          </p>
          <p className="parked-meta">
            {t('parking.by', { name: topic.addedByName })} · <DateTime iso={new Date(topic.addedAt).toISOString()} />
            {/* Facilitators see the state on the checkbox; everyone else reads it here. */}
            {!hui.isFacilitator && (
              <>
                {' · '}
                <span className={topic.resolved ? 'parked-state done' : 'parked-state'}>{topic.resolved ? t('parking.stateDone') : t('parking.stateOpen')}</span>
              </>
            )}
          </p>
          {hui.isFacilitator && (
            <label className="parked-done">
              <input
                type="checkbox"
                checked={topic.resolved}
                aria-describedby={`parked-${topic.id}`}
                onChange={(event) => {
                  setParkedResolved(hui.session.doc, topic.id, event.target.checked)
                  onChanged(event.target.checked ? t('parking.markedDone') : t('parking.markedOpen'))
                }}
              />{' '}
              {t('parking.dealtWith')}
            </label>
          )}
        </li>
      ))}
    </ul>
  )
}
