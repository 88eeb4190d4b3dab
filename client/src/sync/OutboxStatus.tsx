import { useTranslation } from 'react-i18next'
import { Button } from '../ui/Button'
import type { Outbox, OutboxCommand } from './outbox'
import { useOutboxOnline, useRefusalReason } from './PendingNote'
import { useOutboxCommands } from './useOutbox'
import './outbox.css'

/** A command's summary in words (its i18n key in the `outbox` namespace). */
export function useCommandSummary(): (command: OutboxCommand) => string {
  const { t } = useTranslation('outbox')
  return (command) => t(command.summary.key, command.summary.values ?? {})
}

/**
 * Under the plan's title: how many governance changes made here wait to be recorded (while
 * offline), and every change the server refused, with its reason and a way to dismiss it.
 * The changes themselves also show as pending beside what they change.
 */
export function OutboxStatus({ outbox }: { outbox: Outbox | null }) {
  const { t } = useTranslation('outbox')
  const commands = useOutboxCommands(outbox)
  const online = useOutboxOnline(outbox)
  const summary = useCommandSummary()
  const reason = useRefusalReason()
  if (!outbox) return null
  const pending = commands.filter((command) => command.status === 'pending')
  const refused = commands.filter((command) => command.status === 'refused')
  return (
    <>
      {pending.length > 0 && !online && (
        <details className="notice notice-info outbox-status" data-outbox-waiting={pending.length}>
          <summary>{t('status.waiting', { count: pending.length })}</summary>
          <p className="field-hint">{t('status.waitingHint')}</p>
          <ul>
            {pending.map((command) => (
              <li key={command.key}>{summary(command)}</li>
            ))}
          </ul>
        </details>
      )}
      {refused.length > 0 && (
        <div className="notice notice-warning outbox-status" role="status" data-outbox-refused={refused.length}>
          <p>
            <strong>{t('status.refused', { count: refused.length })}</strong> {t('status.refusedHint')}
          </p>
          <ul>
            {refused.map((command) => (
              <li key={command.key}>
                {summary(command)}: {reason(command)}{' '}
                <Button
                  variant="quiet"
                  className="btn-small"
                  aria-label={t('dismissNamed', { summary: summary(command) })}
                  onClick={() => void outbox.dismiss(command.key)}
                >
                  {t('dismiss')}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}
