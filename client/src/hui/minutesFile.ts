import { useEffect, useState } from 'react'
import {
  fileBaseName,
  withheldLines,
  type HuiMinutes,
  type PlanJson,
  type PrintoutWithheldNotice,
  type SnapshotExport,
} from '@hononga/shared'
import { api } from '../api/client'
import { downloadText, leaveProblem, type LeaveProblem } from '../exports/saveFile'

export { downloadText } from '../exports/saveFile'

/**
 * What "Download minutes (JSON)" saves: the minutes with the plan and snapshot they come from,
 * and what partners withheld from them (the notices, and a line per partner for people reading it).
 */
export function minutesDocument(
  plan: PlanJson,
  snapshotId: string,
  minutes: HuiMinutes,
  withheld: readonly PrintoutWithheldNotice[] = [],
): unknown {
  return {
    format: 'hononga.hui-minutes',
    version: 1,
    plan: { title: plan.meta.title, community: plan.meta.community, district: plan.meta.district },
    snapshotId,
    withheld,
    withheldSummary: withheldLines(withheld),
    minutes,
  }
}

/** The minutes as they left the plan: the server's copy, recorded and with what partners withheld left out. */
export type MinutesOut = Pick<SnapshotExport, 'plan' | 'withheld'>

/**
 * Printing and downloading minutes through the server (issue 13 §2, §3): each fetches the
 * minutes' snapshot as `export.minutes` (recorded in the access log first) and from then on
 * the page shows that copy, so what is printed or saved is what left the plan. `print` calls
 * window.print once the copy is on screen. Offline, or when the server cannot record it,
 * `problem` says why nothing was printed or saved.
 */
export function useMinutesOut(planId: string, snapshotId: string) {
  const [out, setOut] = useState<MinutesOut | null>(null)
  const [problem, setProblem] = useState<{ problem: LeaveProblem; message: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [printPending, setPrintPending] = useState(false)

  useEffect(() => {
    if (!printPending) return
    setPrintPending(false)
    window.print()
  }, [printPending])

  const fetchOut = async (): Promise<MinutesOut | null> => {
    setBusy(true)
    setProblem(null)
    try {
      const { plan, withheld } = await api.exportSnapshot(planId, snapshotId, 'minutes')
      setOut({ plan, withheld })
      return { plan, withheld }
    } catch (error) {
      setProblem({ problem: leaveProblem(error), message: error instanceof Error ? error.message : String(error) })
      return null
    } finally {
      setBusy(false)
    }
  }

  const print = async () => {
    if (await fetchOut()) setPrintPending(true)
  }

  /** Saves the minutes file, `name` and `minutes` made from the copy that left. */
  const download = async (fileOf: (copy: MinutesOut) => { name: string; minutes: HuiMinutes }) => {
    const copy = await fetchOut()
    if (!copy) return
    const { name, minutes } = fileOf(copy)
    const document = minutesDocument(copy.plan, snapshotId, minutes, copy.withheld)
    downloadText(`${JSON.stringify(document, null, 2)}\n`, `${fileBaseName(name, 'minutes')}.json`, 'application/json')
  }

  return { out, problem, busy, print, download }
}
