import type { Repos } from '../repos/types'
import { notify } from './notify'
import { addDays, daysBetween, nzDay } from './time'

/** An action due within this many days reminds its lead (`action-due`). */
export const DUE_SOON_DAYS = 3
/** A review date within this many days reminds the plan's facilitators (`review-due`). */
export const REVIEW_SOON_DAYS = 7

/**
 * Records the reminders that are due at `at`: an action you lead due within three days
 * (`action-due`, once per due date) or overdue (`action-overdue`, once per due date per week
 * overdue), and a review date within seven days for the plan's facilitators (`review-due`,
 * once per plan or action per review date). Idempotent: the dedupe keys make a second run,
 * in this process or another, or after a restart, add nothing. Returns how many were new.
 */
export async function recordReminders(repos: Pick<Repos, 'notifications' | 'members'>, at: number): Promise<number> {
  const today = nzDay(at)
  const horizon = addDays(today, Math.max(DUE_SOON_DAYS, REVIEW_SOON_DAYS))
  const reviewFrom = today
  const reviewUntil = addDays(today, REVIEW_SOON_DAYS)
  let added = 0
  const facilitators = new Map<string, string[]>()
  const facilitatorsOf = async (planId: string) => {
    let ids = facilitators.get(planId)
    if (!ids) {
      ids = (await repos.members.listMembers(planId)).filter((m) => m.role === 'facilitator').map((m) => m.userId)
      facilitators.set(planId, ids)
    }
    return ids
  }

  for (const action of await repos.notifications.reminderActions(horizon)) {
    const target = { kind: 'action', id: action.actionId }
    const base = { planTitle: action.planTitle, title: action.title, target }
    if (action.leadUserId && action.dueDate) {
      const days = daysBetween(today, action.dueDate)
      if (days >= 0 && days <= DUE_SOON_DAYS) {
        const dedupeKey = `action-due:${action.planId}:${action.actionId}:${action.dueDate}`
        const payload = { ...base, dueDate: action.dueDate }
        if (await notify(repos, { userId: action.leadUserId, planId: action.planId, kind: 'action-due', dedupeKey, payload }, at)) added++
      } else if (days < 0) {
        const week = Math.floor(-days / 7)
        const dedupeKey = `action-overdue:${action.planId}:${action.actionId}:${action.dueDate}:${week}`
        const payload = { ...base, dueDate: action.dueDate }
        if (await notify(repos, { userId: action.leadUserId, planId: action.planId, kind: 'action-overdue', dedupeKey, payload }, at))
          added++
      }
    }
    if (action.reviewDate && action.reviewDate >= reviewFrom && action.reviewDate <= reviewUntil) {
      const dedupeKey = `review-due:${action.planId}:${action.actionId}:${action.reviewDate}`
      for (const userId of await facilitatorsOf(action.planId)) {
        const payload = { ...base, reviewDate: action.reviewDate }
        if (await notify(repos, { userId, planId: action.planId, kind: 'review-due', dedupeKey, payload }, at)) added++
      }
    }
  }

  for (const plan of await repos.notifications.reminderPlans(reviewUntil)) {
    if (plan.reviewDate < reviewFrom) continue
    const dedupeKey = `review-due:${plan.planId}:plan:${plan.reviewDate}`
    const payload = {
      planTitle: plan.planTitle,
      title: plan.planTitle,
      reviewDate: plan.reviewDate,
      target: { kind: 'plan', id: plan.planId },
    }
    for (const userId of await facilitatorsOf(plan.planId)) {
      if (await notify(repos, { userId, planId: plan.planId, kind: 'review-due', dedupeKey, payload }, at)) added++
    }
  }
  return added
}
