import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { getPriorityAction, newId, type ActionId, type Member, type ParkedTopic, type ParkPatchBody } from '@hononga/shared'
import { api, ApiError, commands } from '../../api/client'
import { whenSaved } from '../../sync/outbox'
import { useDocValue } from '../../sync/useDocValue'
import { Button } from '../../ui/Button'
import { SelectField } from '../../ui/Field'
import { Notice } from '../../ui/Notice'
import { scrollToItem } from '../scrollToItem'
import type { HuiModel } from '../useHui'

/** The plan's members, for a facilitator to choose a topic's owner from (null until loaded, or when it failed). */
export function useMembers(planId: string, enabled: boolean): Member[] | null {
  const [members, setMembers] = useState<Member[] | null>(null)
  useEffect(() => {
    if (!enabled) return
    let stale = false
    api.getPlan(planId).then(
      (plan) => !stale && setMembers(plan.members),
      () => undefined,
    )
    return () => {
      stale = true
    }
  }, [planId, enabled])
  return members
}

/**
 * What can be done with one parked topic beyond marking it dealt with: who looks after it
 * (facilitators choose a member; everyone reads it), and turning it into a priority action
 * with one click (facilitators, and its owner when they can edit), after which it links to
 * the action. Promoting is one server command that makes the action and the link together;
 * it needs a connection, and says so.
 */
export function ParkedTopicActions({
  hui,
  topic,
  members,
  describedBy,
  onChanged,
}: {
  hui: HuiModel
  topic: ParkedTopic
  members: Member[] | null
  describedBy: string
  onChanged: (message: string) => void
}) {
  const { t } = useTranslation('hui')
  const { t: tc } = useTranslation('common')
  const reasonId = useId()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const doc = hui.session.doc
  const actionTitle = useDocValue(doc, (d) =>
    topic.actionId ? (getPriorityAction(d, topic.actionId as ActionId)?.title.toString() ?? null) : null,
  )
  const linked = topic.actionId != null && actionTitle !== null
  const mayPromote = hui.isFacilitator || (topic.ownerId === hui.me.id && hui.canEdit)

  const handleOwner = (ownerId: string) => {
    const owner = ownerId === '' ? null : ownerId
    const name = members?.find((member) => member.userId === ownerId)?.name ?? ''
    void hui.outbox?.enqueue({
      name: 'patchTopic',
      params: { topicId: topic.id },
      body: { owner } satisfies ParkPatchBody,
      summary: owner
        ? { key: 'summary.patchTopicOwner', values: { text: topic.text.slice(0, 80), name } }
        : { key: 'summary.patchTopicNoOwner', values: { text: topic.text.slice(0, 80) } },
    })
    onChanged(owner ? t('parking.ownerSet', { name }) : t('parking.ownerCleared'))
  }

  const handlePromote = async () => {
    setBusy(true)
    setProblem(null)
    try {
      await whenSaved(hui.session)
      const result = await commands.promoteTopic(hui.planId, topic.id, newId())
      onChanged(t('parking.promoted', { title: result.topic.text.slice(0, 80) }))
    } catch (error) {
      setProblem(error instanceof ApiError ? t('parking.promoteFailed', { message: error.message }) : tc('status.networkError'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="parked-actions">
      {hui.isFacilitator ? (
        <SelectField
          className="parked-owner"
          label={t('parking.owner')}
          value={topic.ownerId ?? ''}
          disabled={!hui.outbox || members === null}
          aria-describedby={describedBy}
          onChange={(event) => handleOwner(event.target.value)}
        >
          <option value="">{t('parking.noOwner')}</option>
          {/* The owner stays listed while the members load, or if they have left since. */}
          {topic.ownerId && !members?.some((member) => member.userId === topic.ownerId) && (
            <option value={topic.ownerId}>{topic.ownerName ?? topic.ownerId}</option>
          )}
          {members?.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </SelectField>
      ) : (
        topic.ownerName && <p className="parked-meta">{t('parking.ownedBy', { name: topic.ownerName })}</p>
      )}
      {linked ? (
        <p className="parked-link">
          {t('parking.becameAction')}{' '}
          <Link
            href={`/plans/${hui.planId}/actions`}
            onClick={() => {
              hui.setPanel(null)
              scrollToItem({ kind: 'action', id: topic.actionId! })
            }}
          >
            {actionTitle || t('agenda.untitledItem')}
          </Link>
        </p>
      ) : (
        mayPromote && (
          <p className="parked-promote">
            <Button
              className="btn-small"
              disabled={busy || !hui.online}
              aria-describedby={[describedBy, hui.online ? null : reasonId].filter(Boolean).join(' ')}
              onClick={() => void handlePromote()}
            >
              {busy ? t('parking.promoting') : t('parking.promote')}
            </Button>
            {!hui.online && (
              <span id={reasonId} className="hui-offline-note">
                {' '}
                {t('control.needsConnection')}
              </span>
            )}
          </p>
        )
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
    </div>
  )
}
