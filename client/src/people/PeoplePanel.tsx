import { canFacilitate, type Me, type PlanDetail } from '@hononga/shared'
import { useCallback, useId, useState } from 'react'
import { T } from '../i18n/T'
import { Notice } from '../ui/Notice'
import type { HeadingLevel } from './Heading'
import { InviteSection } from './InviteSection'
import { LeavePlan } from './LeavePlan'
import { MemberList } from './MemberList'
import { peopleErrorMessage, planIsStale, type Message } from './peopleErrors'
import { useRefreshWhileOpen } from './useRefreshWhileOpen'
import './people.css'

/**
 * Who is in a plan, for the workspace's people dialog or side panel. Everyone sees the
 * members and can leave; facilitators also change and remove members and manage invite
 * links. Controls a person may not use are absent, not disabled.
 *
 * `onChanged` re-fetches the plan (members and my role) after a change here.
 * `headingLevel` is the level of this panel's section headings (default 3: under the
 * host's own h2 "People", `people:title`).
 */
export function PeoplePanel({
  planId,
  plan,
  me,
  onChanged,
  headingLevel = 3,
}: {
  planId: string
  plan: PlanDetail
  me: Me
  onChanged: () => void
  headingLevel?: HeadingLevel
}) {
  const ids = useId()
  const [status, setStatus] = useState<Message | null>(null)
  const [error, setError] = useState<Message | null>(null)
  const facilitator = canFacilitate(plan.role)
  // Joins, role changes and invite uses show while the dialog is open (see useRefreshWhileOpen).
  const refreshes = useRefreshWhileOpen(onChanged)

  const handleDone = useCallback((message: Message) => {
    setError(null)
    setStatus(message)
  }, [])

  const handleFailed = useCallback(
    (caught: unknown) => {
      setStatus(null)
      setError(peopleErrorMessage(caught))
      // Someone else changed roles or members meanwhile: show the plan as it now is.
      if (planIsStale(caught)) onChanged()
    },
    [onChanged],
  )

  return (
    <div className="people-panel">
      {/* Always present, so screen readers announce each new message. */}
      <p role="status" className={status ? 'people-status notice notice-success' : 'people-status'}>
        {status && <T k={status.key} values={status.values} />}
      </p>
      {error && (
        <Notice kind="error">
          <T k={error.key} values={error.values} />
        </Notice>
      )}
      <MemberList
        planId={planId}
        members={plan.members}
        myId={me.id}
        canManage={facilitator}
        headingLevel={headingLevel}
        headingId={`${ids}-members`}
        onDone={handleDone}
        onFailed={handleFailed}
        onChanged={onChanged}
      />
      {facilitator && (
        <InviteSection planId={planId} headingLevel={headingLevel} refreshKey={refreshes} onDone={handleDone} onFailed={handleFailed} />
      )}
      <LeavePlan planId={planId} plan={plan} myId={me.id} headingLevel={headingLevel} headingId={`${ids}-leave`} />
    </div>
  )
}
