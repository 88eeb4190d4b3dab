import type { Clock } from '../collab/clock'
import type { Logger } from '../log'
import { emailDueNotifications, type DeliveryDeps } from './deliver'
import { recordReminders } from './reminders'

/** How often reminders are computed and due mail is queued, unless NOTIFY_INTERVAL_MS says otherwise. */
export const NOTIFY_INTERVAL_MS = 5 * 60 * 1000

/** NOTIFY_INTERVAL_MS from the environment (a positive whole number of milliseconds), else the default. */
export function notifyIntervalFrom(env: Record<string, string | undefined>): number {
  const value = Number(env.NOTIFY_INTERVAL_MS)
  return Number.isInteger(value) && value > 0 ? value : NOTIFY_INTERVAL_MS
}

export interface NotificationJobDeps extends DeliveryDeps {
  /** Milliseconds since the epoch (tests pass their own time to runNotificationJob instead). */
  now: () => number
  log: Logger
}

/**
 * One run of the notification job at `at`: records the reminders that are due (idempotent),
 * then queues the mail that is due. A failure is logged; the next run tries again.
 */
export async function runNotificationJob(
  deps: NotificationJobDeps,
  at: number = deps.now(),
): Promise<{ reminders: number; mails: number }> {
  let reminders = 0
  let mails = 0
  try {
    reminders = await recordReminders(deps.repos, at)
  } catch (error) {
    deps.log.error({ event: 'notifications.reminders_failed', err: error }, 'could not compute reminders')
  }
  try {
    mails = await emailDueNotifications(deps, at)
  } catch (error) {
    deps.log.error({ event: 'notifications.email_failed', err: error }, 'could not queue notification email')
  }
  if (reminders || mails) deps.log.info({ event: 'notifications.ran', reminders, mails }, 'notifications recorded and queued')
  return { reminders, mails }
}

/** Runs the job at start-up and then every `intervalMs` on `clock`; `stop` cancels it. */
export function scheduleNotifications(deps: NotificationJobDeps & { clock: Clock; intervalMs?: number }): { stop(): void } {
  let cancel: (() => void) | undefined
  let stopped = false
  const run = () => {
    void runNotificationJob(deps).finally(() => {
      if (!stopped) cancel = deps.clock.after(deps.intervalMs ?? NOTIFY_INTERVAL_MS, run)
    })
  }
  run()
  return {
    stop() {
      stopped = true
      cancel?.()
    },
  }
}
