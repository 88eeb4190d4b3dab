import { AFFILIATIONS, normaliseJoinCode, type Affiliation, type JoinPreview } from '@hononga/shared'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { api, NetworkError } from '../api/client'
import { T } from '../i18n/T'
import { useSession } from '../session/SessionContext'
import { Button } from '../ui/Button'
import { SelectField, TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { JoinCodeEntry } from './JoinCodeEntry'
import { joinProblem } from './joinProblem'
import { useJoinRequest, type JoinPhase } from './useJoinRequest'
import './join.css'

type PreviewState = { status: 'loading' } | { status: 'ready'; preview: JoinPreview } | { status: 'error'; error: unknown }

/**
 * `/join` and `/join/:code`: the page a hui's QR code opens. It names the plan, sends people to
 * sign up or in and back, lets them "Ask to join" (saying whom they speak for, if they like),
 * then waits until the facilitator lets them in and opens the plan. Without a code it asks for one.
 */
export function JoinPage({ code }: { code?: string }) {
  const { t } = useTranslation('people')
  const { me } = useSession()
  useDocumentTitle(t('huiJoin.title'))
  const normalised = code === undefined ? null : normaliseJoinCode(code)
  return (
    <section className="page narrow join-page">
      <h1>
        <T k="people:huiJoin.title" />
      </h1>
      {code === undefined ? (
        <JoinCodeEntry />
      ) : normalised === null ? (
        <>
          <Notice kind="error">
            <T k="people:huiJoin.unknown" />
          </Notice>
          <JoinCodeEntry />
        </>
      ) : (
        me !== undefined && <JoinWithCode key={`${normalised}:${me?.id ?? ''}`} code={normalised} me={me} />
      )}
    </section>
  )
}

function JoinWithCode({ code, me }: { code: string; me: { name: string; email: string } | null }) {
  const [, navigate] = useLocation()
  const { phase, ask, checkAgain } = useJoinRequest(code, me !== null)
  const [state, setState] = useState<PreviewState>({ status: 'loading' })
  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', preview: await api.previewJoin(code) })
    } catch (error) {
      setState({ status: 'error', error })
    }
  }, [code])
  const waiting = phase.kind === 'waiting' || phase.kind === 'admitted' || phase.kind === 'declined'
  useEffect(() => {
    // Someone already waiting needs no preview (the code may have been stopped since they asked).
    if (!waiting) void load()
  }, [load, waiting])
  useEffect(() => {
    if (phase.kind === 'admitted') navigate(`/plans/${encodeURIComponent(phase.planId)}`)
  }, [phase, navigate])

  if (waiting) return <JoinWait phase={phase} onCheckAgain={checkAgain} />
  const here = `/join/${encodeURIComponent(code)}`
  const next = `?next=${encodeURIComponent(here)}`
  return (
    <>
      {state.status === 'loading' && (
        <p className="loading" role="status">
          <T k="people:huiJoin.loading" />
        </p>
      )}
      {state.status === 'error' && <JoinProblem error={state.error} onRetry={() => void load()} />}
      {state.status === 'ready' && (
        <>
          <div className="card invite-summary">
            <p>
              <T k="people:huiJoin.intro" />
            </p>
            <h2 className="invite-plan-title">{state.preview.planTitle}</h2>
            <dl className="facts">
              <div>
                <dt>
                  <T k="people:huiJoin.community" />
                </dt>
                <dd>{state.preview.community}</dd>
              </div>
            </dl>
          </div>
          {phase.kind === 'failed' && <JoinProblem error={phase.error} />}
          {me === null ? (
            <div className="card invite-next">
              <p>
                <T k="people:huiJoin.signInFirst" />
              </p>
              <div className="invite-actions">
                <Link href={`/sign-up${next}`} className="btn btn-primary">
                  <T k="people:join.createAccount" />
                </Link>
                <Link href={`/sign-in${next}`} className="btn btn-secondary">
                  <T k="people:join.signIn" />
                </Link>
              </div>
            </div>
          ) : (
            <AskToJoin me={me} busy={phase.kind === 'asking'} onAsk={(stated) => void ask(stated)} />
          )}
        </>
      )}
    </>
  )
}

function JoinProblem({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const problem = joinProblem(error)
  return (
    <Notice kind="error">
      <p>
        <T k={problem.key} values={problem.values} />
      </p>
      {onRetry && error instanceof NetworkError && (
        <Button onClick={onRetry}>
          <T k="common:actions.retry" />
        </Button>
      )}
    </Notice>
  )
}

/** "Ask to join", with whom the person speaks for (optional: the facilitator decides in the end). */
function AskToJoin({
  me,
  busy,
  onAsk,
}: {
  me: { name: string; email: string }
  busy: boolean
  onAsk: (stated: { affiliation?: Affiliation; organisation?: string }) => void
}) {
  const { t } = useTranslation(['people', 'common'])
  const [affiliation, setAffiliation] = useState<Affiliation | ''>('')
  const [organisation, setOrganisation] = useState('')
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const typed = organisation.normalize('NFC').trim()
    onAsk({ ...(affiliation ? { affiliation } : {}), ...(typed ? { organisation: typed } : {}) })
  }
  return (
    <form className="card invite-next join-ask" aria-label={t('huiJoin.ask')} onSubmit={handleSubmit}>
      <p>
        <T k="people:huiJoin.askingAs" values={{ name: me.name, email: me.email }} />
      </p>
      <SelectField
        label={<T k="people:huiJoin.affiliation" />}
        hint={<T k="people:huiJoin.affiliationHint" />}
        value={affiliation}
        onChange={(event) => setAffiliation(event.target.value as Affiliation | '')}
      >
        <option value="">{t('huiJoin.notSaying')}</option>
        {AFFILIATIONS.map((value) => (
          <option key={value} value={value}>
            {t(`common:affiliations.${value}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={<T k="people:huiJoin.organisation" />}
        hint={<T k="people:huiJoin.organisationHint" />}
        autoComplete="organization"
        maxLength={200}
        value={organisation}
        onChange={(event) => setOrganisation(event.target.value)}
      />
      <Button type="submit" variant="primary" disabled={busy}>
        <T k="people:huiJoin.ask" />
      </Button>
    </form>
  )
}

/** Waiting to be let in, let in (the plan is opening), or not let in. */
function JoinWait({ phase, onCheckAgain }: { phase: JoinPhase; onCheckAgain: () => void }) {
  if (phase.kind === 'admitted') {
    return (
      <Notice kind="success">
        <T k="people:huiJoin.admitted" />{' '}
        <Link href={`/plans/${encodeURIComponent(phase.planId)}`}>
          <T k="people:huiJoin.openPlan" />
        </Link>
      </Notice>
    )
  }
  if (phase.kind === 'declined') {
    return (
      <Notice kind="warning">
        <T k="people:huiJoin.declined" />
      </Notice>
    )
  }
  const gaveUp = phase.kind === 'waiting' && phase.gaveUp
  return (
    <div className="card join-wait">
      <p className="join-wait-title" role="status">
        <T k={gaveUp ? 'people:huiJoin.stillWaiting' : 'people:huiJoin.waiting'} />
      </p>
      {gaveUp ? (
        <Button variant="primary" onClick={onCheckAgain}>
          <T k="people:huiJoin.checkAgain" />
        </Button>
      ) : (
        <p>
          <T k="people:huiJoin.waitingHint" />
        </p>
      )}
    </div>
  )
}
