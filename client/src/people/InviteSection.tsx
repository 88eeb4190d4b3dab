import type { Invite } from '@hononga/shared'
import { useCallback, useEffect, useId, useState } from 'react'
import { api } from '../api/client'
import { useDateFormat } from '../i18n/dates'
import { T } from '../i18n/T'
import { useTranslation } from 'react-i18next'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { ConfirmDialog } from './ConfirmDialog'
import { Heading, type HeadingLevel } from './Heading'
import { InviteItem } from './InviteItem'
import { InviteForm } from './InviteForm'
import { InviteLink } from './InviteLink'
import { byNewest, inviteState } from './inviteState'
import type { Message } from './peopleErrors'

type InvitesState = { status: 'loading' } | { status: 'ready'; invites: Invite[] } | { status: 'error' }

/** Facilitators only: create invite links, see every link of the plan, revoke them. */
export function InviteSection({
  planId,
  headingLevel,
  refreshKey = 0,
  onDone,
  onFailed,
}: {
  planId: string
  headingLevel: HeadingLevel
  /** Changes when the list should be fetched again (the People dialog refreshes while open). */
  refreshKey?: number
  onDone: (message: Message) => void
  onFailed: (error: unknown) => void
}) {
  const { t } = useTranslation(['people', 'common'])
  const format = useDateFormat()
  const ids = useId()
  const [invites, setInvites] = useState<InvitesState>({ status: 'loading' })
  const [created, setCreated] = useState<Invite | null>(null)
  const [revoking, setRevoking] = useState<Invite | null>(null)

  const load = useCallback(async () => {
    try {
      setInvites({ status: 'ready', invites: byNewest(await api.listInvites(planId)) })
    } catch {
      setInvites({ status: 'error' })
    }
  }, [planId])

  useEffect(() => {
    void load()
  }, [load, refreshKey])

  function handleCreated(invite: Invite) {
    setCreated(invite)
    onDone({ key: 'people:invite.created' })
    void load()
  }

  async function handleRevoke() {
    if (!revoking) return
    await api.revokeInvite(planId, revoking.code)
    setRevoking(null)
    if (created?.code === revoking.code) setCreated(null)
    onDone({ key: 'people:invites.revoked' })
    await load()
    document.getElementById(`${ids}-list`)?.focus()
  }

  const now = Date.now()
  const withState = invites.status === 'ready' ? invites.invites.map((invite) => ({ invite, state: inviteState(invite, now) })) : []
  const current = withState.filter((entry) => entry.state === 'active')
  const past = withState.filter((entry) => entry.state !== 'active')

  return (
    <>
      <section className="people-section" aria-labelledby={`${ids}-invite`}>
        <Heading level={headingLevel} id={`${ids}-invite`}>
          <T k="people:invite.heading" />
        </Heading>
        <InviteForm planId={planId} headingId={`${ids}-invite`} onCreated={handleCreated} onFailed={onFailed} />
        {created && (
          <div className="invite-created">
            <p>
              <T
                k="people:invite.createdSummary"
                values={{
                  role: t(`common:roles.${created.role}`),
                  affiliation: t(`common:affiliations.${created.affiliation}`) + (created.organisation ? ` · ${created.organisation}` : ''),
                  date: format.dateTime(created.expiresAt),
                }}
              />
            </p>
            <InviteLink key={created.code} url={created.url} focusOnMount />
          </div>
        )}
      </section>

      <section className="people-section" aria-labelledby={`${ids}-list`}>
        <Heading level={headingLevel} id={`${ids}-list`}>
          <T k="people:invites.heading" />
        </Heading>
        {invites.status === 'loading' && (
          <p role="status">
            <T k="people:invites.loading" />
          </p>
        )}
        {invites.status === 'error' && (
          <Notice kind="error">
            <p>
              <T k="people:invites.loadFailed" />
            </p>
            <Button onClick={() => void load()}>
              <T k="common:actions.retry" />
            </Button>
          </Notice>
        )}
        {invites.status === 'ready' && current.length === 0 && (
          <p>
            <T k="people:invites.empty" />
          </p>
        )}
        {current.length > 0 && (
          <ul className="item-list">
            {current.map(({ invite, state }) => (
              <InviteItem key={invite.code} invite={invite} state={state} onRevoke={setRevoking} />
            ))}
          </ul>
        )}
        {past.length > 0 && (
          <details className="invites-past">
            <summary>
              <T k="people:invites.past" values={{ count: past.length }} />
            </summary>
            <ul className="item-list">
              {past.map(({ invite, state }) => (
                <InviteItem key={invite.code} invite={invite} state={state} onRevoke={setRevoking} />
              ))}
            </ul>
          </details>
        )}
      </section>

      <ConfirmDialog
        open={revoking !== null}
        title={<T k="people:revoke.title" />}
        confirmLabel={<T k="people:revoke.confirm" />}
        onConfirm={handleRevoke}
        onClose={() => setRevoking(null)}
      >
        <p>
          <T k="people:revoke.body" />
        </p>
      </ConfirmDialog>
    </>
  )
}
