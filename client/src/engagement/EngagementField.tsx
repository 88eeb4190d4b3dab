import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ENGAGEMENT_LEVELS, engagementOf, isEngagementLevel, type EngagementBody, type EngagementTarget } from '@hononga/shared'
import { usePlanItems, type PlanItems } from '../agreement/PlanItemsContext'
import { PendingNote } from '../sync/PendingNote'
import { useDocValue } from '../sync/useDocValue'
import { useOutboxCommands } from '../sync/useOutbox'
import { Notice } from '../ui/Notice'
import './engagement.css'

/**
 * The engagement level agreed for a focus area or priority action (issue 13 §4), on the
 * Te Arawhiti spectrum. Facilitators record what the hui agreed with a select (a command
 * through the outbox: until the server records it, the choice shows as pending); everyone
 * else sees the level and what it means. Shows nothing outside a workspace, and nothing to
 * non-facilitators while no level is agreed.
 */
export function EngagementField({ target, title, describedBy }: { target: EngagementTarget; title: string; describedBy: string }) {
  const items = usePlanItems()
  return items ? <Field items={items} target={target} title={title} describedBy={describedBy} /> : null
}

function Field({ items, target, title, describedBy }: { items: PlanItems; target: EngagementTarget; title: string; describedBy: string }) {
  const { t } = useTranslation('partnership')
  const { outbox } = items
  const recorded = useDocValue(items.session.doc, (doc) => engagementOf(doc, target)?.level ?? null)
  const waiting = useOutboxCommands(outbox, ['putEngagement', 'clearEngagement'], (command) =>
    command.name === 'clearEngagement'
      ? command.params.kind === target.kind && command.params.targetId === target.id
      : (command.body as EngagementBody | undefined)?.target.id === target.id,
  )
  const pending = waiting.at(-1) ?? null
  const pendingLevel = pending ? (pending.name === 'putEngagement' ? ((pending.body as EngagementBody).level ?? null) : null) : undefined
  const shown = pending?.status === 'pending' && pendingLevel !== undefined ? pendingLevel : recorded
  const [problem, setProblem] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const selectId = useId()
  const explainId = `${selectId}-explain`
  const levelName = (level: string) => (isEngagementLevel(level) ? t(`engagement.levels.${level}.name`) : '')

  function choose(value: string) {
    if (!outbox) return
    const level = isEngagementLevel(value) ? value : null
    const send =
      level === null
        ? outbox.enqueue({
            name: 'clearEngagement',
            params: { kind: target.kind, targetId: target.id },
            summary: { key: 'summary.clearEngagement', values: { title } },
          })
        : outbox.enqueue({
            name: 'putEngagement',
            body: { target, level } satisfies EngagementBody,
            summary: { key: 'summary.putEngagement', values: { title, level: levelName(level) } },
          })
    send.catch((error: unknown) => setProblem(t('engagement.failed', { message: error instanceof Error ? error.message : String(error) })))
    setProblem(null)
    setAnnouncement(level === null ? t('engagement.cleared', { title }) : t('engagement.sent', { title, level: levelName(level) }))
  }

  if (!items.isFacilitator || !outbox) {
    if (shown === null) return null
    return (
      <p className="engagement-shown" data-engagement={shown}>
        <span className="engagement-level">{t('engagement.shown', { level: levelName(shown) })}</span>{' '}
        <span className="engagement-explain">{t(`engagement.levels.${shown}.explain`)}</span>
      </p>
    )
  }
  return (
    <div className="engagement-field" data-engagement={shown ?? ''}>
      <label htmlFor={selectId}>{t('engagement.label')}</label>
      <select
        id={selectId}
        value={shown ?? ''}
        aria-describedby={`${describedBy} ${explainId}`}
        onChange={(event) => choose(event.target.value)}
      >
        <option value="">{t('engagement.none')}</option>
        {ENGAGEMENT_LEVELS.map((level) => (
          <option key={level} value={level}>
            {levelName(level)}
          </option>
        ))}
      </select>
      <p id={explainId} className="engagement-explain">
        {shown === null ? t('engagement.noneHint') : t(`engagement.levels.${shown}.explain`)}
      </p>
      {pending && <PendingNote outbox={outbox} command={pending} describedBy={describedBy} />}
      {problem && <Notice kind="error">{problem}</Notice>}
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
    </div>
  )
}
