import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import type { PlanSession, SyncState } from '../sync/planSession'
import { useSyncState } from '../sync/useY'

const REFUSAL_CODES = new Set([4400, 4401, 4403, 4404, 4422, 4426])

function describe(state: SyncState, t: TFunction<'workspace'>): { text: string; tone: string } {
  switch (state.kind) {
    case 'loading':
      return { text: t('sync.loading'), tone: 'pending' }
    case 'saved':
      return { text: t('sync.saved'), tone: 'ok' }
    case 'saving':
      return { text: t('sync.saving'), tone: 'pending' }
    case 'offline':
      return {
        text: !state.hasLocalCopy ? t('sync.offlineNoCopy') : state.unsaved ? t('sync.offlineUnsaved') : t('sync.offline'),
        tone: 'offline',
      }
    case 'reconnecting': {
      const reason = state.code !== null && [1012, 4500, 4508].includes(state.code) ? ` ${t(`sync.reason.${state.code}`)}` : ''
      return { text: (state.unsaved ? t('sync.reconnectingUnsaved') : t('sync.reconnecting')) + reason, tone: 'offline' }
    }
    case 'refused':
      return { text: t('sync.refused.title'), tone: 'refused' }
  }
}

/**
 * The connection state in words a person understands at a glance, announced politely when
 * it changes. The symbol before the text is decoration; the words carry the meaning.
 */
export function SyncStatus({ session }: { session: PlanSession }) {
  const { t } = useTranslation('workspace')
  const state = useSyncState(session)
  const { text, tone } = describe(state, t)
  return (
    <p className={`sync-status sync-${tone}`} role="status" aria-live="polite" data-state={state.kind}>
      <span className="sync-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('sync.label')}: </span>
      {text}
    </p>
  )
}

/** What to do when the server refuses the plan: said in full, with the way out. */
export function RefusedNotice({ session, planPath }: { session: PlanSession; planPath: string }) {
  const { t } = useTranslation('workspace')
  const state = useSyncState(session)
  if (state.kind !== 'refused') return null
  const key = REFUSAL_CODES.has(state.code) ? `sync.refused.${state.code}` : 'sync.refused.other'
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{t('sync.refused.title')}.</strong> {t(key, { code: state.code })}
      </p>
      {state.code === 4401 && <Link href={`/sign-in?next=${encodeURIComponent(planPath)}`}>{t('sync.signInAgain')}</Link>}
      {state.code === 4422 && (
        <button type="button" className="btn" onClick={() => void session.discardLocalCopy().then(() => window.location.reload())}>
          {t('sync.discardAndReload')}
        </button>
      )}
      {(state.code === 4426 || state.code === 4400) && (
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          {t('sync.reload')}
        </button>
      )}
      {(state.code === 4403 || state.code === 4404) && <Link href="/plans">{t('backToPlans')}</Link>}
    </div>
  )
}
