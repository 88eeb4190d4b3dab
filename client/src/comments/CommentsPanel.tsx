import { useId, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { replyToThread, setThreadResolved, startThread, type CommentTarget } from '@hononga/shared'
import { usePlanItems, type PlanItems } from '../agreement/PlanItemsContext'
import { DisclosureButton } from '../ui/DisclosureButton'
import { Notice } from '../ui/Notice'
import { CommentThread } from './CommentThread'
import { MessageForm } from './MessageForm'
import { splitThreads } from './threads'
import './comments.css'

/**
 * "Comments (n)" on an item (or the environment text): the open threads on it, resolved ones
 * collapsed under "Resolved (n)", and for members who may edit, replies, resolve / reopen and
 * a form to start a thread. Every message is in my name: the server refuses any other.
 * Shows nothing outside a workspace.
 */
export function CommentsPanel({ target, title, describedBy }: { target: CommentTarget; title: string; describedBy?: string }) {
  const items = usePlanItems()
  return items ? <Comments items={items} target={target} title={title} describedBy={describedBy} /> : null
}

function Comments({ items, target, title, describedBy }: { items: PlanItems; target: CommentTarget; title: string; describedBy?: string }) {
  const { t } = useTranslation('comments')
  const { store, session, me, canEdit } = items
  const threads = useSyncExternalStore(store.subscribe, () => store.threadsOn(target))
  const { open, resolved } = splitThreads(threads)
  const [expanded, setExpanded] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const panel = useRef<HTMLDivElement>(null)
  const id = useId()
  const author = { authorId: me.id, authorName: me.name }

  /** Runs a change to the document; a refusal (a thread removed meanwhile) is said, not thrown. */
  function change(run: () => void, done: string): boolean {
    try {
      run()
    } catch (error) {
      setProblem(t('failed', { message: error instanceof Error ? error.message : String(error) }))
      return false
    }
    store.flush()
    setProblem(null)
    setAnnouncement(done)
    return true
  }

  function handleResolve(threadId: string, resolve: boolean) {
    if (change(() => setThreadResolved(session.doc, threadId, resolve, me.id), t(resolve ? 'resolvedDone' : 'reopenedDone'))) {
      // The thread moved between the lists and its button with it: keep focus in the panel.
      panel.current?.focus()
    }
  }

  const thread = (view: (typeof threads)[number]) => (
    <li key={view.id}>
      <CommentThread
        thread={view}
        canWrite={canEdit}
        onReply={(text) => change(() => replyToThread(session.doc, view.id, { ...author, text }), t('replied'))}
        onResolve={(resolve) => handleResolve(view.id, resolve)}
      />
    </li>
  )

  return (
    <div className="comments">
      <DisclosureButton expanded={expanded} controls={id} aria-describedby={describedBy} onClick={() => setExpanded((was) => !was)}>
        {t('button', { count: open.length })}
      </DisclosureButton>
      {expanded && (
        <div id={id} ref={panel} className="comments-panel" role="group" aria-label={t('panelLabel', { title })} tabIndex={-1}>
          {problem && <Notice kind="error">{problem}</Notice>}
          {threads.length === 0 && <p className="empty-note">{t('none')}</p>}
          {open.length > 0 && <ol className="thread-list">{open.map(thread)}</ol>}
          {resolved.length > 0 && (
            <details className="resolved-threads">
              <summary>{t('resolvedList', { count: resolved.length })}</summary>
              <ol className="thread-list">{resolved.map(thread)}</ol>
            </details>
          )}
          {canEdit ? (
            <MessageForm
              label={t('newThreadLabel')}
              submit={t('startThread')}
              onSend={(text) => change(() => startThread(session.doc, target, { ...author, text }), t('started'))}
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
