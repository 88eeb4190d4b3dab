import type { HuiMinutes, PlanJson } from '@hononga/shared'

/** What "Download minutes (JSON)" saves: the minutes with the plan and snapshot they come from. */
export function minutesDocument(plan: PlanJson, snapshotId: string, minutes: HuiMinutes): unknown {
  return {
    format: 'hononga.hui-minutes',
    version: 1,
    plan: { title: plan.meta.title, community: plan.meta.community, district: plan.meta.district },
    snapshotId,
    minutes,
  }
}

/** Saves `text` as a file through the browser's download (no server round trip). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Some browsers start the download after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000)
}
