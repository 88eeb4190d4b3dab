import type { HuiState, Me, PlanDetail } from '@hononga/shared'
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { STEPS } from '../plan-steps'
import type { StepId } from '../plan-steps/types'
import { isStepId } from './agenda'
import { scrollToItem } from './scrollToItem'

/** This person's side of following the facilitator's screen during a hui. */
export interface FollowFacilitator {
  /** This person's navigation is the one others follow. */
  leading: boolean
  /** Whether this person's screen follows the facilitator's. */
  following: boolean
  /** Whether to offer "Follow the facilitator" (everyone in a hui but whoever leads). */
  canFollow: boolean
  setFollowing(on: boolean): void
  /** Something to say politely (the follow moved the screen). */
  announcement: string
  /** Takes this person to a step of their own choosing. */
  moveTo(step: StepId): void
}

/**
 * Follow mode: participants' screens go where the facilitator is (on by default for them, off
 * for facilitators, chosen again per hui); moving to another step by one's own choice stops
 * following, and a leading facilitator's own moves are shared with `shareFocus`.
 */
export function useFollowFacilitator({
  planId,
  stepId,
  me,
  members,
  state,
  isFacilitator,
  shareFocus,
}: {
  planId: string
  /** The step on this screen. */
  stepId: StepId
  me: Me
  members: PlanDetail['members']
  state: HuiState
  isFacilitator: boolean
  shareFocus: (step: StepId) => void
}): FollowFacilitator {
  const { t } = useTranslation('hui')
  const { t: tc } = useTranslation('common')
  const [, navigate] = useLocation()
  const [announcement, setAnnouncement] = useState('')
  const focus = state.active ? state.focus : null
  const leading = isFacilitator && focus?.by === me.id

  const [followChoice, setFollowChoice] = useState<{ huiId: string | null; on: boolean } | null>(null)
  const chosen = followChoice && followChoice.huiId === state.huiId ? followChoice.on : !isFacilitator
  const canFollow = state.active && !leading
  const following = canFollow && chosen
  const setFollowing = useCallback((on: boolean) => setFollowChoice({ huiId: state.huiId, on }), [state.huiId])

  /** The step this screen is being taken to by following (not the person's own choice). */
  const followedTo = useRef<string | null>(null)

  const goWhereTheFacilitatorIs = useEffectEvent(() => {
    if (!focus || !isStepId(focus.step)) return
    if (focus.step !== stepId) {
      followedTo.current = focus.step
      navigate(`/plans/${planId}/${focus.step}`)
      const name = focus.by === me.id ? '' : (members.find((member) => member.userId === focus.by)?.name ?? t('bar.theFacilitator'))
      const labelKey = STEPS.find((s) => s.id === focus.step)?.labelKey
      const step = labelKey ? tc(labelKey) : focus.step
      setAnnouncement(t('follow.moved', { name, step }))
    }
    if (focus.target) scrollToItem(focus.target)
  })
  // Only the facilitator's moves (to a step, to an item, or to the same place again later) and
  // turning following on move this screen: not this person's own steps, which the next effect handles.
  const focusStep = focus?.step
  const focusAt = focus?.at
  const focusTargetId = focus?.target?.id
  useEffect(() => {
    if (following) goWhereTheFacilitatorIs()
  }, [following, focusStep, focusAt, focusTargetId])

  const handleOwnStep = useEffectEvent(() => {
    if (followedTo.current === stepId) {
      followedTo.current = null
      return
    }
    followedTo.current = null
    if (following) setFollowing(false)
    if (state.active && isFacilitator && (leading || focus === null) && focus?.step !== stepId) shareFocus(stepId)
  })
  // This person changed step: by their own choice it stops following; a leading facilitator shares it.
  const previousStep = useRef(stepId)
  useEffect(() => {
    if (previousStep.current === stepId) return
    previousStep.current = stepId
    handleOwnStep()
  }, [stepId])

  const moveTo = useCallback(
    (step: StepId) => {
      followedTo.current = null
      navigate(`/plans/${planId}/${step}`)
    },
    [navigate, planId],
  )

  return { leading, following, canFollow, setFollowing, announcement, moveTo }
}
