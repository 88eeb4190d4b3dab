import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ParkBody, ParkedTopic, ParkPatchBody } from '@hononga/shared'
import { DateTime } from '../i18n/dates'
import { Announcer } from '../plan-steps/Announcer'
import type { OutboxCommand } from '../sync/outbox'
import { PendingNote } from '../sync/PendingNote'
import { useDocValue } from '../sync/useDocValue'
import { useOutboxCommands } from '../sync/useOutbox'
import { Button } from '../ui/Button'
import { TextAreaField } from '../ui/Field'
import { readParkingLot } from './agenda'
import { ParkedTopicActions, useMembers } from './notes/ParkedTopicActions'
import type { HuiModel } from './useHui'

const MAX_TOPIC = 1000

/**
 * The parking lot: topics raised at the hui that would take it off course, kept to come
 * back to. Anyone who can edit parks one; facilitators mark them dealt with and give each an
 * owner; facilitators and its owner make one a priority action, which it then links to. Kept
 * after the hui too (the minutes list what was parked). Parking a topic and marking one dealt
 * with are commands: until recorded they show from the outbox as pending.
 */
export function ParkingLot({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const doc = hui.session.doc
  const topics = useDocValue(doc, readParkingLot)
  const parking = useOutboxCommands(hui.outbox, ['park'])
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
      {parking.length > 0 && <PendingTopics commands={parking} hui={hui} />}
      {topics.length === 0 ? (
        parking.length === 0 && <p className="empty-note">{t('parking.none')}</p>
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
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (text.trim() === '') {
      setError(t('parking.errorEmpty'))
      return
    }
    if (!hui.outbox) return
    const body: ParkBody = { text: text.normalize('NFC').trim() }
    void hui.outbox.enqueue({ name: 'park', body, summary: { key: 'summary.park', values: { text: body.text } } })
    setText('')
    setError(null)
    onParked()
  }
  return (
    <form className="park-form" onSubmit={handleSubmit} noValidate>
      <TextAreaField
        label={t('parking.topic')}
        error={error}
        rows={2}
        maxLength={MAX_TOPIC}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <Button type="submit" variant="primary">
        {t('parking.park')}
      </Button>
    </form>
  )
}

/** Topics parked here that the server has not recorded yet (or refused), from the outbox. */
function PendingTopics({ commands, hui }: { commands: readonly OutboxCommand[]; hui: HuiModel }) {
  const { t } = useTranslation('hui')
  if (!hui.outbox) return null
  const outbox = hui.outbox
  return (
    <ul className="parked-list parked-pending" aria-label={t('parking.pending')}>
      {commands.map((command) => (
        <li
          key={command.key}
          className={`parked-topic ${command.status === 'refused' ? 'outbox-refused-item' : 'outbox-pending-item'}`}
          data-pending-topic={command.status}
        >
          <p id={`parked-${command.key}`} className="parked-text">
            {(command.body as ParkBody).text}
          </p>
          <p className="parked-meta">
            {t('parking.by', { name: hui.me.name })} ·{' '}
            <PendingNote outbox={outbox} command={command} describedBy={`parked-${command.key}`} />
          </p>
        </li>
      ))}
    </ul>
  )
}

function TopicList({
  topics,
  labelledBy,
  hui,
  onChanged,
}: {
  topics: ParkedTopic[]
  labelledBy: string
  hui: HuiModel
  onChanged: (message: string) => void
}) {
  const { t } = useTranslation('hui')
  const members = useMembers(hui.planId, hui.isFacilitator)
  // A facilitator's "dealt with" not yet recorded: the checkbox shows what they chose.
  const patches = useOutboxCommands(hui.outbox, ['patchTopic'])
  const patchOf = (topicId: string) => patches.filter((command) => command.params.topicId === topicId).at(-1) ?? null
  return (
    <ul className="parked-list" aria-labelledby={labelledBy}>
      {topics.map((topic) => {
        const patch = patchOf(topic.id)
        const chosen = patch?.status === 'pending' ? ((patch.body as ParkPatchBody).resolved ?? topic.resolved) : topic.resolved
        return (
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
                  <span className={topic.resolved ? 'parked-state done' : 'parked-state'}>
                    {topic.resolved ? t('parking.stateDone') : t('parking.stateOpen')}
                  </span>
                </>
              )}
            </p>
            {hui.isFacilitator && (
              <label className="parked-done">
                <input
                  type="checkbox"
                  checked={chosen}
                  disabled={!hui.outbox}
                  aria-describedby={`parked-${topic.id}`}
                  onChange={(event) => {
                    const resolved = event.target.checked
                    void hui.outbox?.enqueue({
                      name: 'patchTopic',
                      params: { topicId: topic.id },
                      body: { resolved } satisfies ParkPatchBody,
                      summary: {
                        key: resolved ? 'summary.patchTopicDone' : 'summary.patchTopicOpen',
                        values: { text: topic.text.slice(0, 80) },
                      },
                    })
                    onChanged(resolved ? t('parking.markedDone') : t('parking.markedOpen'))
                  }}
                />{' '}
                {t('parking.dealtWith')}
              </label>
            )}
            <ParkedTopicActions hui={hui} topic={topic} members={members} describedBy={`parked-${topic.id}`} onChanged={onChanged} />
            {patch && hui.outbox && (
              <p className="parked-meta">
                <PendingNote outbox={hui.outbox} command={patch} describedBy={`parked-${topic.id}`} />
              </p>
            )}
          </li>
        )
      })}
    </ul>
  )
}
