import type { Invite } from '@hononga/shared'
import { useId, useState } from 'react'
import { DateTime } from '../i18n/dates'
import { T } from '../i18n/T'
import { AffiliationBadge, RoleBadge } from '../ui/Badge'
import { Button } from '../ui/Button'
import { InviteLink } from './InviteLink'
import type { InviteState } from './inviteState'

/** One invite link: what it gives, whether it still works, how often it was used; show and revoke. */
export function InviteItem({ invite, state, onRevoke }: { invite: Invite; state: InviteState; onRevoke: (invite: Invite) => void }) {
  const summaryId = useId()
  const [showLink, setShowLink] = useState(false)
  const active = state === 'active'
  return (
    <li className={`invite-item invite-${state}`}>
      <div id={summaryId} className="invite-item-summary">
        <RoleBadge role={invite.role} /> <AffiliationBadge affiliation={invite.affiliation} organisation={invite.organisation} />{' '}
        <span className={`invite-state invite-state-${state}`}>
          <T k={`people:invites.state.${state}`} />
        </span>
      </div>
      <dl className="facts invite-facts">
        <div>
          <dt>
            <T k={state === 'expired' ? 'people:invites.expired' : 'people:invites.expires'} />
          </dt>
          <dd>
            <DateTime iso={invite.expiresAt} />
          </dd>
        </div>
        {invite.revokedAt && (
          <div>
            <dt>
              <T k="people:invites.revokedAt" />
            </dt>
            <dd>
              <DateTime iso={invite.revokedAt} />
            </dd>
          </div>
        )}
        <div>
          <dt>
            <T k="people:invites.uses" />
          </dt>
          <dd>
            {invite.maxUses === null ? (
              <T k="people:invites.usesTimes" values={{ count: invite.uses }} />
            ) : (
              <T k="people:invites.usesOf" values={{ uses: invite.uses, max: invite.maxUses }} />
            )}
          </dd>
        </div>
        <div>
          <dt>
            <T k="people:invites.created" />
          </dt>
          <dd>
            <DateTime iso={invite.createdAt} />
          </dd>
        </div>
      </dl>
      {active && (
        <div className="item-actions">
          <Button className="btn-small" aria-expanded={showLink} aria-describedby={summaryId} onClick={() => setShowLink(!showLink)}>
            <T k={showLink ? 'people:invites.hideLink' : 'people:invites.showLink'} />
          </Button>
          <Button className="btn-small" aria-describedby={summaryId} onClick={() => onRevoke(invite)}>
            <T k="people:invites.revoke" />
          </Button>
        </div>
      )}
      {active && showLink && <InviteLink url={invite.url} />}
    </li>
  )
}
