import type { PlanDetail } from '@hononga/shared'
import { useState } from 'react'
import { useLocation } from 'wouter'
import { api } from '../api/client'
import { T } from '../i18n/T'
import { Button } from '../ui/Button'
import { ConfirmDialog } from './ConfirmDialog'
import { Heading, type HeadingLevel } from './Heading'

/** "Leave plan" for any member, except the only facilitator, who is told what to do first. */
export function LeavePlan({
  planId,
  plan,
  myId,
  headingLevel,
  headingId,
}: {
  planId: string
  plan: PlanDetail
  myId: string
  headingLevel: HeadingLevel
  headingId: string
}) {
  const [, navigate] = useLocation()
  const [confirming, setConfirming] = useState(false)
  const onlyFacilitator = plan.role === 'facilitator' && plan.members.filter((member) => member.role === 'facilitator').length <= 1

  async function handleLeave() {
    await api.removeMember(planId, myId)
    setConfirming(false)
    navigate('/plans')
  }

  return (
    <section className="people-section people-leave" aria-labelledby={headingId}>
      <Heading level={headingLevel} id={headingId}>
        <T k="people:leave.heading" />
      </Heading>
      {onlyFacilitator ? (
        <p>
          <T k="people:leave.lastFacilitator" />
        </p>
      ) : (
        <>
          <p>
            <T k="people:leave.body" />
          </p>
          <Button onClick={() => setConfirming(true)}>
            <T k="people:leave.button" />
          </Button>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={<T k="people:leave.title" values={{ title: plan.title }} />}
        confirmLabel={<T k="people:leave.confirm" />}
        onConfirm={handleLeave}
        onClose={() => setConfirming(false)}
      >
        <p>
          <T k="people:leave.confirmBody" />
        </p>
      </ConfirmDialog>
    </section>
  )
}
