import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../ui/Button'
import { isConnected, type Outbox, type OutboxCommand } from './outbox'
import './outbox.css'

/** Whether the plan is connected, as the outbox's connection says (re-renders on change). */
export function useOutboxOnline(outbox: Outbox | null): boolean {
  return useSyncExternalStore(outbox?.connection.subscribe ?? (() => () => undefined), () =>
    outbox ? isConnected(outbox.connection.getState()) : true,
  )
}

/** The reason a command was refused, in words: the server's message, or ours for what the outbox refused itself. */
export function useRefusalReason(): (command: OutboxCommand) => string {
  const { t } = useTranslation('outbox')
  return (command) => (command.refusal?.code === 'depends_on_refused' ? t('dependsOnRefused') : (command.refusal?.message ?? ''))
}

/**
 * What a command in the outbox shows beside the thing it will change: "pending: will be
 * recorded when you reconnect" (or "being recorded…" while connected), or, once refused,
 * why, with a button to dismiss it.
 */
export function PendingNote({ outbox, command, describedBy }: { outbox: Outbox; command: OutboxCommand; describedBy?: string }) {
  const { t } = useTranslation('outbox')
  const online = useOutboxOnline(outbox)
  const reason = useRefusalReason()
  if (command.status === 'refused') {
    return (
      <span className="outbox-note outbox-refused" data-outbox="refused">
        {t('refused', { reason: reason(command) })}{' '}
        <Button variant="quiet" className="btn-small" aria-describedby={describedBy} onClick={() => void outbox.dismiss(command.key)}>
          {t('dismiss')}
        </Button>
      </span>
    )
  }
  return (
    <span className="outbox-note outbox-pending" data-outbox="pending">
      {online ? t('pendingOnline') : t('pending')}
    </span>
  )
}
