import type { PlanSummary } from '@hononga/shared'
import { Link } from 'wouter'
import { RelativeTime, useDateFormat } from '../i18n/dates'
import { T } from '../i18n/T'
import { AffiliationBadge, RoleBadge } from '../ui/Badge'

/** One plan in "My plans": where it is, what I am in it, when it last changed, who is there. */
export function PlanCard({ plan }: { plan: PlanSummary }) {
  const format = useDateFormat()
  return (
    <li className="card plan-card">
      <h2 className="plan-card-title">
        <Link href={`/plans/${encodeURIComponent(plan.id)}`}>{plan.title}</Link>
      </h2>
      {plan.deletedAt ? (
        <p className="plan-card-deleted notice notice-warning">
          <T k="plans:lifecycle.deletedCard" values={{ date: plan.purgeAt ? format.date(plan.purgeAt) : '' }} />
        </p>
      ) : (
        plan.archivedAt && (
          <p className="plan-card-archived">
            <span className="badge">
              <T k="plans:card.archived" />
            </span>
          </p>
        )
      )}
      <dl className="plan-facts">
        <div>
          <dt>
            <T k="plans:card.community" />
          </dt>
          <dd>{plan.community}</dd>
        </div>
        <div>
          <dt>
            <T k="plans:card.district" />
          </dt>
          <dd>{plan.district || <T k="plans:card.noDistrict" />}</dd>
        </div>
        <div>
          <dt>
            <T k="plans:card.yourRole" />
          </dt>
          <dd>
            <RoleBadge role={plan.role} />
          </dd>
        </div>
        <div>
          <dt>
            <T k="plans:card.youSpeakFor" />
          </dt>
          <dd>
            <AffiliationBadge affiliation={plan.affiliation} organisation={plan.organisation} />
          </dd>
        </div>
        <div>
          <dt>
            <T k="plans:card.lastChange" />
          </dt>
          <dd>
            <RelativeTime iso={plan.updatedAt} />
          </dd>
        </div>
        <div>
          <dt>
            <T k="plans:card.people" />
          </dt>
          <dd>
            <T k="plans:card.members" values={{ count: plan.memberCount }} />
            {' · '}
            <span className={plan.activeCount > 0 ? 'plan-active plan-active-now' : 'plan-active'}>
              {plan.activeCount > 0 && <span className="presence-dot" aria-hidden="true" />}
              <T k="plans:card.activeNow" values={{ count: plan.activeCount }} />
            </span>
          </dd>
        </div>
      </dl>
    </li>
  )
}
