import { useId, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommentBody, CommentTarget, ReplyBody, ThreadPatchBody } from '@hononga/shared'
import { usePlanItems, type PlanItems } from '../agreement/PlanItemsContext'
import type { NewCommand, OutboxCommand } from '../sync/outbox'
import { useOutboxCommands } from '../sync/useOutbox'
import { DisclosureButton } from '../ui/DisclosureButton'
import { Notice } from '../ui/Notice'
import { CommentThread, PendingThread } from './CommentThread'
import { MessageForm } from './MessageForm'
import { splitThreads } from './threads'
import './comments.css'

/**
 * "Comments (n)" on an item (or the environment text): the open threads on it, resolved ones
 * collapsed under "Resolved (n)", and for members who may write (editors, and anyone who
 * speaks for their partner), replies, resolve / reopen and a form to start a thread. Every
 * message is a command the server writes in my name; until recorded it shows from the
 * outbox as pending. Shows nothing outside a workspace.
 */
export function CommentsPanel({ target, title, describedBy }: { target: CommentTarget; title: string; describedBy?: string }) {
  const items = usePlanItems()
  return items ? <Comments items={items} target={target} title={title} describedBy={describedBy} /> : null
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text)

function Comments({ items, target, title, describedBy }: { items: PlanItems; target: CommentTarget; title: string; describedBy?: string }) {
  const { t } = useTranslation('comments')
  const { store, me, outbox } = items
  const canWrite = (items.canEdit || items.myPartner !== null) && outbox !== null
  const threads = useSyncExternalStore(store.subscribe, () => store.threadsOn(target))
  const pendingThreads = useOutboxCommands(outbox, ['startThread'], (command) => {
    const body = command.body as CommentBody
    return body.target.kind === target.kind && body.target.id === target.id
  })
  const ids = new Set(threads.map((thread) => thread.id))
  const later = useOutboxCommands(outbox, ['reply', 'patchThread'], (command) => ids.has(command.params.threadId ?? ''))
  const { open, resolved } = splitThreads(threads)
  const [expanded, setExpanded] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const panel = useRef<HTMLDivElement>(null)
  const id = useId()

  /** Puts a command in the outbox; it is sent at once when connected, else on reconnecting. */
  function send(command: NewCommand, done: string): boolean {
    if (!outbox) return false
    outbox
      .enqueue(command)
      .catch((error: unknown) => setProblem(t('failed', { message: error instanceof Error ? error.message : String(error) })))
    setProblem(null)
    setAnnouncement(done)
    return true
  }

  function handleResolve(threadId: string, resolve: boolean) {
    const body: ThreadPatchBody = { resolved: resolve }
    if (
      send(
        {
          name: 'patchThread',
          params: { threadId },
          body,
          summary: { key: resolve ? 'summary.patchThreadResolved' : 'summary.patchThreadOpen' },
        },
        t(resolve ? 'resolvedDone' : 'reopenedDone'),
      )
    ) {
      // The thread moves between the lists (once recorded) and its button with it: keep focus in the panel.
      panel.current?.focus()
    }
  }

  const of = (threadId: string, name: OutboxCommand['name']) =>
    later.filter((command) => command.name === name && command.params.threadId === threadId)
  const thread = (view: (typeof threads)[number]) => (
    <li key={view.id}>
      <CommentThread
        thread={view}
        canWrite={canWrite}
        outbox={outbox}
        me={me}
        pendingReplies={of(view.id, 'reply')}
        pendingResolve={of(view.id, 'patchThread').at(-1) ?? null}
        onReply={(text) =>
          send(
            {
              name: 'reply',
              params: { threadId: view.id },
              body: { body: text.trim() } satisfies ReplyBody,
              summary: { key: 'summary.reply', values: { text: short(text.trim()) } },
            },
            t('replied'),
          )
        }
        onResolve={(resolve) => handleResolve(view.id, resolve)}
      />
    </li>
  )

  const count = open.length + pendingThreads.length
  return (
    <div className="comments">
      <DisclosureButton expanded={expanded} controls={id} aria-describedby={describedBy} onClick={() => setExpanded((was) => !was)}>
        {t('button', { count })}
      </DisclosureButton>
      {expanded && (
        <div id={id} ref={panel} className="comments-panel" role="group" aria-label={t('panelLabel', { title })} tabIndex={-1}>
          {problem && <Notice kind="error">{problem}</Notice>}
          {threads.length === 0 && pendingThreads.length === 0 && <p className="empty-note">{t('none')}</p>}
          {(open.length > 0 || pendingThreads.length > 0) && (
            <ol className="thread-list">
              {open.map(thread)}
              {outbox &&
                pendingThreads.map((command) => (
                  <li key={command.key}>
                    <PendingThread command={command} outbox={outbox} me={me} />
                  </li>
                ))}
            </ol>
          )}
          {resolved.length > 0 && (
            <details className="resolved-threads">
              <summary>{t('resolvedList', { count: resolved.length })}</summary>
              <ol className="thread-list">{resolved.map(thread)}</ol>
            </details>
          )}
          {canWrite ? (
            <MessageForm
              label={t('newThreadLabel')}
              submit={t('startThread')}
              onSend={(text) =>
                send(
                  {
                    name: 'startThread',
                    body: { target, body: text.trim() } satisfies CommentBody,
                    summary: { key: 'summary.startThread', values: { title, text: short(text.trim()) } },
                  },
                  t('started'),
                )
              }
            />
          ) : (
            <p className="comments-read-only">{t('readOnly')}</p>
          )}
          <div role="status" className="visually-hidden">
            {announcement}
          </div>
        </div>
      )}
    </div>
  )
}
