import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommentBody, Me, ReplyBody, ThreadPatchBody } from '@hononga/shared'
import { RelativeTime } from '../i18n/dates'
import type { ThreadView } from '../agreement/planItemStore'
import type { Outbox, OutboxCommand } from '../sync/outbox'
import { PendingNote } from '../sync/PendingNote'
import { Button } from '../ui/Button'
import { MessageForm } from './MessageForm'

/** A message of mine still in the outbox: my name, its text, and that it is pending (or why it was refused). */
function PendingMessage({
  command,
  text,
  outbox,
  me,
  describedBy,
}: {
  command: OutboxCommand
  text: string
  outbox: Outbox
  me: Me
  describedBy?: string
}) {
  const { t } = useTranslation('comments')
  return (
    <li
      className={`comment-message ${command.status === 'refused' ? 'outbox-refused-item' : 'outbox-pending-item'}`}
      data-pending-comment={command.status}
    >
      <p className="comment-meta">
        <span className="comment-author">{me.name || t('someone')}</span>{' '}
        <PendingNote outbox={outbox} command={command} describedBy={describedBy} />
      </p>
      <p className="comment-text">{text}</p>
    </li>
  )
}

/** A thread I started that the server has not recorded yet: shown, but not yet open to replies. */
export function PendingThread({ command, outbox, me }: { command: OutboxCommand; outbox: Outbox; me: Me }) {
  const { t } = useTranslation('comments')
  const headingId = useId()
  return (
    <article className="comment-thread comment-thread-pending" aria-labelledby={headingId}>
      <p id={headingId} className="visually-hidden">
        {t('threadBy', { name: me.name, count: 1 })}
      </p>
      <ol className="comment-messages">
        <PendingMessage command={command} text={(command.body as CommentBody).body} outbox={outbox} me={me} describedBy={headingId} />
      </ol>
    </article>
  )
}

/**
 * One thread: its messages (author, time, text), my replies still on their way, and for
 * members who may write, a reply and Resolve (or Reopen, once resolved).
 */
export function CommentThread({
  thread,
  canWrite,
  outbox,
  me,
  pendingReplies,
  pendingResolve,
  onReply,
  onResolve,
}: {
  thread: ThreadView
  canWrite: boolean
  outbox: Outbox | null
  me: Me
  pendingReplies: readonly OutboxCommand[]
  /** My latest resolve / reopen of this thread still in the outbox. */
  pendingResolve: OutboxCommand | null
  onReply: (text: string) => boolean
  onResolve: (resolved: boolean) => void
}) {
  const { t } = useTranslation('comments')
  const headingId = useId()
  const resolvedSoon = pendingResolve?.status === 'pending' ? (pendingResolve.body as ThreadPatchBody).resolved : thread.resolved
  const resolveButton = (
    <Button className="btn-small" aria-describedby={headingId} onClick={() => onResolve(!resolvedSoon)}>
      {resolvedSoon ? t('reopen') : t('resolve')}
    </Button>
  )
  return (
    <article className={thread.resolved ? 'comment-thread comment-thread-resolved' : 'comment-thread'} aria-labelledby={headingId}>
      <p id={headingId} className="visually-hidden">
        {t('threadBy', { name: thread.createdByName || t('someone'), count: thread.messages.length })}
      </p>
      <ol className="comment-messages">
        {thread.messages.map((message) => (
          <li key={message.id} className="comment-message">
            <p className="comment-meta">
              <span className="comment-author">{message.authorName || t('someone')}</span>{' '}
              <RelativeTime iso={new Date(message.at).toISOString()} />
            </p>
            <p className="comment-text">{message.text}</p>
          </li>
        ))}
        {outbox &&
          pendingReplies.map((command) => (
            <PendingMessage
              key={command.key}
              command={command}
              text={(command.body as ReplyBody).body}
              outbox={outbox}
              me={me}
              describedBy={headingId}
            />
          ))}
      </ol>
      {pendingResolve && outbox && (
        <p className="comment-meta">
          {t(resolvedSoon ? 'resolving' : 'reopening')} <PendingNote outbox={outbox} command={pendingResolve} describedBy={headingId} />
        </p>
      )}
      {canWrite &&
        (resolvedSoon ? (
          <div className="form-buttons">{resolveButton}</div>
        ) : (
          <MessageForm
            label={t('replyLabel')}
            submit={t('reply')}
            describedBy={headingId}
            rows={2}
            extra={resolveButton}
            onSend={onReply}
          />
        ))}
    </article>
  )
}
