import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { CloseCode } from '@hononga/shared'
import { KEEP_AND_REJOIN_CODES, type PlanSession, type SyncState } from '../sync/planSession'
import { useSyncState } from '../sync/useY'

type CloseCodeName = keyof typeof CloseCode

const NAME_OF = new Map<number, CloseCodeName>(Object.entries(CloseCode).map(([name, code]) => [code, name as CloseCodeName]))

/** Codes after which the stock client reconnects by itself; the status line says why it is. */
const TRANSIENT: ReadonlySet<number> = new Set<number>([
  CloseCode.ServiceRestart,
  CloseCode.MessageTooBig,
  CloseCode.PlanUnavailable,
  CloseCode.SlowConsumer,
])

/**
 * A close code in words (workspace `sync.code.<name>`, one message for every code in shared
 * CloseCode); a code the server does not send is named by its number.
 */
export function closeCodeMessage(code: number, t: TFunction<'workspace'>): string {
  const name = NAME_OF.get(code)
  return name ? t(`sync.code.${name}`) : t('sync.code.other', { code })
}

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
      const reason = state.code !== null && TRANSIENT.has(state.code) ? ` ${closeCodeMessage(state.code, t)}` : ''
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

/**
 * What to do when the server refuses the plan: said in full, with the way out. A refused
 * edit never leaves "discard" as the only way: the device's copy is kept as a "not saved"
 * copy first (automatically; by this button when refusals keep coming back).
 */
export function RefusedNotice({
  session,
  planPath,
  rejoining,
  onKeepAndRejoin,
}: {
  session: PlanSession
  planPath: string
  rejoining: boolean
  onKeepAndRejoin: () => void
}) {
  const { t } = useTranslation('workspace')
  const state = useSyncState(session)
  if (state.kind !== 'refused') return null
  const code = state.code
  const keeps = KEEP_AND_REJOIN_CODES.has(code)
  return (
    <div className="notice notice-error" role="alert" data-close-code={code}>
      <p>
        <strong>{t('sync.refused.title')}.</strong> {closeCodeMessage(code, t)}
      </p>
      {keeps && <p>{rejoining ? t('sync.refused.keeping') : t('sync.refused.again')}</p>}
      {keeps && !rejoining && (
        <button type="button" className="btn" onClick={onKeepAndRejoin}>
          {t('sync.keepAndRejoin')}
        </button>
      )}
      {code === CloseCode.Unauthenticated && <Link href={`/sign-in?next=${encodeURIComponent(planPath)}`}>{t('sync.signInAgain')}</Link>}
      {(code === CloseCode.IncompatibleSchema || code === CloseCode.BadMessage) && (
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          {t('sync.reload')}
        </button>
      )}
      {(code === CloseCode.Forbidden || code === CloseCode.PlanNotFound) && <Link href="/plans">{t('backToPlans')}</Link>}
    </div>
  )
}
