import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { RelativeTime } from '../i18n/dates'
import type { ThreadView } from '../agreement/planItemStore'
import { Button } from '../ui/Button'
import { MessageForm } from './MessageForm'

/**
 * One thread: its messages (author, time, text), and for members who may write, a reply and
 * Resolve (or Reopen, once resolved).
 */
export function CommentThread({
  thread,
  canWrite,
  onReply,
  onResolve,
}: {
  thread: ThreadView
  canWrite: boolean
  onReply: (text: string) => boolean
  onResolve: (resolved: boolean) => void
}) {
  const { t } = useTranslation('comments')
  const headingId = useId()
  const resolveButton = (
    <Button className="btn-small" aria-describedby={headingId} onClick={() => onResolve(!thread.resolved)}>
      {thread.resolved ? t('reopen') : t('resolve')}
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
              <span className="comment-author">{message.authorName || t('someone')}</span> <RelativeTime iso={new Date(message.at).toISOString()} />
            </p>
            <p className="comment-text">{message.text}</p>
          </li>
        ))}
      </ol>
      {canWrite &&
        (thread.resolved ? (
          <div className="form-buttons">{resolveButton}</div>
        ) : (
          <MessageForm label={t('replyLabel')} submit={t('reply')} describedBy={headingId} rows={2} extra={resolveButton} onSend={onReply} />
        ))}
    </article>
  )
}
