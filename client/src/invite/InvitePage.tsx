import type { InvitePreview } from '@hononga/shared'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { api, NetworkError } from '../api/client'
import { DateTime } from '../i18n/dates'
import { T } from '../i18n/T'
import { useSession } from '../session/SessionContext'
import { AffiliationBadge, RoleBadge } from '../ui/Badge'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { inviteProblemKey } from './inviteProblem'
import '../people/people.css'

type PreviewState = { status: 'loading' } | { status: 'ready'; preview: InvitePreview } | { status: 'error'; error: unknown }

/**
 * `/invite/:code`: what the invite is for, then "Join this plan" (signed in) or the way to
 * sign in or create an account and come back here.
 */
export function InvitePage({ code }: { code: string }) {
  const { t } = useTranslation('people')
  const { me } = useSession()
  const [, navigate] = useLocation()
  const [state, setState] = useState<PreviewState>({ status: 'loading' })
  const [joinError, setJoinError] = useState<unknown>(null)
  const [joining, setJoining] = useState(false)
  useDocumentTitle(t('join.title'))

  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', preview: await api.previewInvite(code) })
    } catch (error) {
      setState({ status: 'error', error })
    }
  }, [code])

  useEffect(() => {
    void load()
  }, [load])

  async function handleJoin() {
    setJoining(true)
    setJoinError(null)
    try {
      const accepted = await api.acceptInvite(code)
      navigate(`/plans/${encodeURIComponent(accepted.planId)}`)
    } catch (error) {
      setJoinError(error)
      setJoining(false)
    }
  }

  const here = `/invite/${encodeURIComponent(code)}`
  const next = `?next=${encodeURIComponent(here)}`

  return (
    <section className="page narrow invite-page">
      <h1>
        <T k="people:join.title" />
      </h1>
      {state.status === 'loading' && (
        <p className="loading" role="status">
          <T k="people:join.loading" />
        </p>
      )}
      {state.status === 'error' && (
        <Notice kind="error">
          <p>
            <T k={inviteProblemKey(state.error)} />
          </p>
          {state.error instanceof NetworkError ? (
            <Button onClick={() => void load()}>
              <T k="common:actions.retry" />
            </Button>
          ) : (
            <p>
              <T k="people:join.askForNew" />
            </p>
          )}
        </Notice>
      )}
      {state.status === 'error' && me && (
        <p>
          <Link href="/plans">
            <T k="common:notFound.home" />
          </Link>
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <InviteSummary preview={state.preview} />
          {joinError !== null && (
            <Notice kind="error">
              <T k={inviteProblemKey(joinError)} />
            </Notice>
          )}
          {me === null && (
            <div className="card invite-next">
              <p>
                <T k="people:join.signInFirst" />
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
          )}
          {me && (
            <div className="card invite-next">
              <p>
                <T k="people:join.joiningAs" values={{ name: me.name, email: me.email }} />
              </p>
              <Button variant="primary" onClick={() => void handleJoin()} disabled={joining}>
                <T k="people:join.join" />
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  )
}

function InviteSummary({ preview }: { preview: InvitePreview }) {
  return (
    <div className="card invite-summary">
      <p>
        <T k="people:join.intro" />
      </p>
      <h2 className="invite-plan-title">{preview.planTitle}</h2>
      <dl className="facts">
        <div>
          <dt>
            <T k="people:join.community" />
          </dt>
          <dd>{preview.community}</dd>
        </div>
        <div>
          <dt>
            <T k="people:join.role" />
          </dt>
          <dd>
            <RoleBadge role={preview.role} /> <T k={`people:roleHelp.${preview.role}`} />
          </dd>
        </div>
        <div>
          <dt>
            <T k="people:join.speakingFor" />
          </dt>
          <dd>
            <AffiliationBadge affiliation={preview.affiliation} organisation={preview.organisation} />
          </dd>
        </div>
        <div>
          <dt>
            <T k="people:join.invitedBy" />
          </dt>
          <dd>{preview.invitedBy || <T k="people:join.unknownPerson" />}</dd>
        </div>
        <div>
          <dt>
            <T k="people:join.expires" />
          </dt>
          <dd>
            <DateTime iso={preview.expiresAt} />
          </dd>
        </div>
      </dl>
    </div>
  )
}
